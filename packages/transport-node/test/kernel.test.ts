import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createUploader } from '@vodup/core'
import { memoryAuth, memoryTarget } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { patternBytes, sameBytes, testDir } from '#test-support'
import { nodeTransport } from '../src'

const PART = 128 * 1024

async function setup(fileSize: number) {
  const files = await testDir()
  const bytes = patternBytes(fileSize, 7)
  const path = await files.write('movie.mp4', bytes)
  const checkpointDir = files.path('checkpoints')
  const target = memoryTarget({ delay: 5 })
  const uploader = createUploader([nodeTransport({ checkpointDir }), target, memoryAuth()], {
    partSize: PART,
    concurrency: 3,
  })
  return { path, bytes, checkpointDir, target, uploader }
}

describe('nodeTransport in the kernel', () => {
  it('uploads a file from disk part by part', async () => {
    const { path, bytes, target, uploader } = await setup(10 * PART + 123)
    const result = await uploader.upload(path)
    expect(result.partsSent).toBe(11)
    expect(
      sameBytes(target.objects.get('test-bucket/uploads/movie.mp4') as Uint8Array, bytes),
    ).toBe(true)
    expect(target.peaks.partBytes).toBeLessThanOrEqual(3 * PART)
    await uploader.dispose()
  })

  it('keeps a checkpoint file without secrets while uploading, and resumes from it', async () => {
    const { path, bytes, checkpointDir, target, uploader } = await setup(10 * PART)
    let stored = ''
    uploader.hooks.partUploaded.tap('test', () => {
      if (target.calls.filter((c) => c.operation === 'UploadPart').length === 4)
        void uploader.stop()
    })
    uploader.addFile({ path })
    await uploader.start()
    const [name] = await readdir(checkpointDir)
    stored = await readFile(join(checkpointDir, name), 'utf8')
    const saved = JSON.parse(stored).doneParts.length
    expect(saved).toBeGreaterThanOrEqual(3)
    expect(stored).not.toMatch(/secret-|token-/)
    await uploader.dispose()

    const resumed = createUploader([nodeTransport({ checkpointDir }), target, memoryAuth()], {
      partSize: PART,
      concurrency: 3,
    })
    const result = await resumed.upload(path)
    expect(result.partsResumed).toBe(saved)
    expect(result.partsResumed + result.partsSent).toBe(10)
    expect(
      sameBytes(target.objects.get('test-bucket/uploads/movie.mp4') as Uint8Array, bytes),
    ).toBe(true)
    expect(await readdir(checkpointDir)).toEqual([])
    await resumed.dispose()
  })

  it('fails the file with FILE_CHANGED when it is rewritten mid-upload, and keeps the checkpoint', async () => {
    const { path, checkpointDir, target, uploader } = await setup(10 * PART)
    uploader.hooks.partUploaded.tap('test', () => {
      if (target.calls.filter((c) => c.operation === 'UploadPart').length === 2) {
        void writeFile(path, patternBytes(10 * PART, 99))
      }
    })
    await expect(uploader.upload(path)).rejects.toMatchObject({ code: 'FILE_CHANGED' })
    expect(target.objects.size).toBe(0)
    expect((await readdir(checkpointDir)).length).toBe(1)
    await uploader.dispose()
  })

  it('refuses a bad input at addFile with INVALID_ARGUMENT', async () => {
    const { uploader } = await setup(PART)
    expect(() => uploader.addFile(42)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    await uploader.dispose()
  })
})
