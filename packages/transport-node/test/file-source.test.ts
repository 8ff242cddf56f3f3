import { chmod, mkdir, rename, truncate, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { patternBytes, sameBytes, testDir } from '#test-support'
import { nodeTransport } from '../src'
import { runAsNobody } from './helpers/run-as-nobody'

const { transport } = nodeTransport({ checkpointDir: '/nonexistent/unused' })

async function sampleFile(size = 300_000) {
  const files = await testDir()
  const bytes = patternBytes(size)
  const path = await files.write('clip.mp4', bytes)
  return { dir: files.dir, path, bytes }
}

describe('openFile', () => {
  it('reads any byte range of the file as it is on disk', async () => {
    const { path, bytes } = await sampleFile()
    const source = await transport.openFile({ path })
    expect(source.size).toBe(bytes.length)
    expect(source.name).toBe('clip.mp4')
    expect(source.lastModified).toBeGreaterThan(0)
    for (const [start, end] of [
      [0, 100_000],
      [100_000, 200_000],
      [299_990, 300_000],
      [5, 5],
    ]) {
      expect(sameBytes(await source.read(start, end), bytes.subarray(start, end))).toBe(true)
    }
    await source.close()
  })

  it('accepts a plain path and { url } as VODUpload passes it', async () => {
    const { path, bytes } = await sampleFile(1000)
    for (const input of [path, { url: path }]) {
      const source = await transport.openFile(input)
      expect(sameBytes(await source.read(0, 1000), bytes)).toBe(true)
      await source.close()
    }
  })

  it('refuses a range outside the file with INVALID_ARGUMENT', async () => {
    const { path } = await sampleFile(1000)
    const source = await transport.openFile(path)
    await expect(source.read(0, 1001)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(source.read(-1, 10)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(source.read(10, 5)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await source.close()
  })

  it('says FILE_NOT_FOUND for a missing file', async () => {
    const { dir } = await testDir()
    await expect(transport.openFile(join(dir, 'missing.mp4'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining('missing.mp4'),
    })
  })

  it('says FILE_NOT_READABLE for a directory', async () => {
    const { dir } = await testDir()
    await mkdir(join(dir, 'videos'))
    await expect(transport.openFile(join(dir, 'videos'))).rejects.toMatchObject({
      code: 'FILE_NOT_READABLE',
      message: expect.stringContaining('directory'),
    })
  })

  it('says FILE_NOT_READABLE for a file the user may not read', async () => {
    const { dir, path } = await sampleFile(1000)
    await chmod(path, 0o600)
    const outcome = await runAsNobody(
      dir,
      `async ({ nodeTransport }, path) => {
        const { transport } = nodeTransport({ checkpointDir: '/nonexistent' })
        const source = await transport.openFile(path)
        return source.size
      }`,
      path,
    )
    expect(outcome).toEqual({
      error: { code: 'FILE_NOT_READABLE', message: expect.stringContaining('permission') },
    })
  })
})

describe('a file that changes during the upload', () => {
  const changes: Array<[string, (path: string, bytes: Uint8Array) => Promise<void>]> = [
    ['grows', (path) => writeFile(path, 'more', { flag: 'a' })],
    ['is truncated', (path) => truncate(path, 1000)],
    [
      'is rewritten with the same size',
      async (path, bytes) => {
        await writeFile(path, Buffer.from(bytes).reverse())
        await utimes(path, new Date(), new Date(Date.now() + 5000))
      },
    ],
    [
      'is replaced by another file',
      async (path, bytes) => {
        await writeFile(`${path}.new`, bytes)
        await rename(`${path}.new`, path)
      },
    ],
    ['is removed', (path) => import('node:fs/promises').then((fs) => fs.rm(path))],
  ]

  it.each(changes)('fails the next read with FILE_CHANGED when it %s', async (_label, change) => {
    const { path, bytes } = await sampleFile()
    const source = await transport.openFile(path)
    await source.read(0, 100_000)
    await change(path, bytes)
    await expect(source.read(100_000, 200_000)).rejects.toMatchObject({ code: 'FILE_CHANGED' })
    await source.close()
  })
})
