import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createUploader, type UploaderPlugin } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { crc64 as oracleCrc64 } from 'crc64-ecma182.js'
import { describe, expect, it } from 'vitest'
import { emulatorAuth, patternBytes, sameBytes, testDir, useEmulator } from '#test-support'
import { nodeTransport } from '../src'

const PART = 256 * 1024
const emulator = useEmulator()

async function sampleFile(size: number, seed: number) {
  const files = await testDir()
  const bytes = patternBytes(size, seed)
  const path = await files.write(`movie-${seed}.mp4`, bytes)
  return { path, bytes, checkpointDir: files.path('checkpoints') }
}

function uploaderFor(checkpointDir: string, extra: UploaderPlugin[] = []) {
  return createUploader(
    [nodeTransport({ checkpointDir }), ossTarget(), emulatorAuth(emulator), ...extra],
    { partSize: PART, concurrency: 3 },
  )
}

const partsOf = (key: string) =>
  emulator.requests().filter((r) => r.operation === 'UploadPart' && r.key === key)

describe('nodeTransport against the emulator', () => {
  it('uploads a file whose bytes on the server equal the bytes on disk, with byte-level progress', async () => {
    const { path, bytes, checkpointDir } = await sampleFile(8 * PART + 1000, 1)
    const uploader = uploaderFor(checkpointDir)
    const loaded: number[] = []
    uploader.hooks.progress.tap('test', (_file, progress) => loaded.push(progress.loaded))
    const result = await uploader.upload(path)
    const stored = await emulator.getObject(emulator.defaultBucket, result.objectKey)
    expect(sameBytes(stored, bytes)).toBe(true)
    expect(result.partsSent).toBe(9)
    expect(result.crc64).toBe(oracleCrc64(Buffer.from(bytes)))
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b))
    expect(loaded.some((value) => value % PART !== 0 && value < bytes.length)).toBe(true)
    expect(await readdir(checkpointDir).catch(() => [])).toEqual([])
    await uploader.dispose()
  })

  it('sends a small file in one PutObject', async () => {
    const { path, bytes, checkpointDir } = await sampleFile(1000, 2)
    const uploader = uploaderFor(checkpointDir)
    const result = await uploader.upload({ path })
    expect(
      sameBytes(await emulator.getObject(emulator.defaultBucket, result.objectKey), bytes),
    ).toBe(true)
    await uploader.dispose()
  })

  it('survives connection resets mid-part through the retry plugin, sending no acknowledged part twice', async () => {
    const { path, bytes, checkpointDir } = await sampleFile(6 * PART, 3)
    emulator.faults.resetConnection({ operation: 'UploadPart', afterBytes: 100_000, count: 2 })
    const uploader = uploaderFor(checkpointDir, [retry({ minTimeout: 10, maxTimeout: 20 })])
    const result = await uploader.upload(path)
    expect(
      sameBytes(await emulator.getObject(emulator.defaultBucket, result.objectKey), bytes),
    ).toBe(true)
    const parts = partsOf(result.objectKey)
    expect(parts.filter((p) => p.status === 0)).toHaveLength(2)
    const acknowledged = parts.filter((p) => p.status === 200).map((p) => p.partNumber)
    expect(acknowledged.sort()).toEqual([1, 2, 3, 4, 5, 6])
    await uploader.dispose()
  })

  it('stops, keeps a secret-free checkpoint on disk, and resumes without re-sending acknowledged parts', async () => {
    const { path, bytes, checkpointDir } = await sampleFile(10 * PART, 4)
    const key = 'uploads/movie-4.mp4'
    const first = uploaderFor(checkpointDir)
    first.hooks.partUploaded.tap('test', () => {
      if (partsOf(key).length >= 4) void first.stop()
    })
    first.addFile(path)
    await first.start()
    await first.dispose()
    const [name] = await readdir(checkpointDir)
    const checkpoint = await readFile(join(checkpointDir, name), 'utf8')
    expect(checkpoint).not.toContain(emulator.accessKeySecret)
    expect(JSON.parse(checkpoint).endpoint).toBe(emulator.url)

    const second = uploaderFor(checkpointDir)
    const result = await second.upload(path)
    expect(result.partsResumed).toBeGreaterThanOrEqual(4)
    expect(sameBytes(await emulator.getObject(emulator.defaultBucket, key), bytes)).toBe(true)
    const acknowledged = partsOf(key)
      .filter((p) => p.status === 200)
      .map((p) => p.partNumber)
    expect(new Set(acknowledged).size).toBe(acknowledged.length)
    await second.dispose()
  })
})
