import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileNameFor, fileStore } from './file-store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vodup-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('fileStore', () => {
  it('keeps one JSON file per key, creating the directory on first write', async () => {
    const store = fileStore(join(dir, 'nested', 'checkpoints'))
    expect(await store.get('vodup:cp:abc')).toBeUndefined()
    await store.set('vodup:cp:abc', '{"uploadId":"u1"}')
    await store.set('vodup:cp:def', '{"uploadId":"u2"}')
    expect(await store.get('vodup:cp:abc')).toBe('{"uploadId":"u1"}')
    const files = await readdir(join(dir, 'nested', 'checkpoints'))
    expect(files.sort()).toEqual([fileNameFor('vodup:cp:abc'), fileNameFor('vodup:cp:def')].sort())
  })

  it('replaces a value whole and leaves no temporary file behind', async () => {
    const store = fileStore(dir)
    await store.set('k', JSON.stringify({ doneParts: Array.from({ length: 500 }, (_, n) => n) }))
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.set('k', JSON.stringify({ version: i }))),
    )
    const value = JSON.parse((await store.get('k')) as string)
    expect(value.version).toBeGreaterThanOrEqual(0)
    expect(await readdir(dir)).toEqual([fileNameFor('k')])
  })

  it('removes a key, and removing a missing key is fine', async () => {
    const store = fileStore(dir)
    await store.set('k', '{}')
    await store.remove('k')
    await store.remove('k')
    expect(await store.get('k')).toBeUndefined()
  })

  it('gives distinct, safe file names to keys that differ only in odd characters', () => {
    const names = ['a/b', 'a_b', 'a:b', 'a b', '../../etc/passwd'].map(fileNameFor)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9._-]+\.json$/)
    expect(fileNameFor('x'.repeat(500))).toMatch(/^[0-9a-f]{64}\.json$/)
  })

  it('refuses a value that holds a secret field', async () => {
    const store = fileStore(dir)
    await expect(store.set('k', JSON.stringify({ accessKeySecret: 'shh' }))).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
    })
    await expect(store.set('k', '{"SecurityToken": "t"}')).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
    })
    expect(await store.get('k')).toBeUndefined()
  })

  it('reports a directory it cannot create as STORAGE_ERROR', async () => {
    const blocker = join(dir, 'file')
    await writeFile(blocker, 'not a directory')
    const store = fileStore(join(blocker, 'checkpoints'))
    await expect(store.set('k', '{}')).rejects.toMatchObject({ code: 'STORAGE_ERROR' })
    expect(await readFile(blocker, 'utf8')).toBe('not a directory')
  })
})
