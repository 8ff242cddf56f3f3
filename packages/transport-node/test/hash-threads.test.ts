import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { crc64 as oracleCrc64 } from 'crc64-ecma182.js'
import { describe, expect, it } from 'vitest'
import { emulatorAuth, MiB, patternBytes, sameBytes, testDir, useEmulator } from '#test-support'
import { nodeTransport } from '../src'

const emulator = useEmulator()

describe('hashing threads', () => {
  it('upload a file whose parts are hashed on worker threads: the object equals the file, CRC-64 checked', async () => {
    const files = await testDir()
    const bytes = patternBytes(5 * MiB + 12_345, 77)
    const path = await files.write('threaded.mp4', bytes)
    const plugin = nodeTransport({ checkpointDir: files.path('checkpoints'), hashThreads: 2 })
    const uploader = createUploader([plugin, ossTarget(), emulatorAuth(emulator)], {
      partSize: MiB,
      concurrency: 3,
    })
    const result = await uploader.upload(path)
    await uploader.dispose()
    expect(
      sameBytes(await emulator.getObject(emulator.defaultBucket, result.objectKey), bytes),
    ).toBe(true)
    expect(result.crc64).toBe(oracleCrc64(Buffer.from(bytes)))
    expect(result.partsSent).toBe(6)
  })

  it('reads parts into shared memory only when threads are on, and hashes them the same either way', async () => {
    const files = await testDir()
    const bytes = patternBytes(3 * MiB, 78)
    const path = await files.write('part.bin', bytes)
    const expected = oracleCrc64(Buffer.from(bytes.subarray(MiB, 3 * MiB)))
    for (const hashThreads of [0, 1]) {
      const plugin = nodeTransport({ checkpointDir: files.path('unused'), hashThreads })
      const source = await plugin.transport.openFile(path)
      const part = await source.read(MiB, 3 * MiB)
      expect(part.buffer instanceof SharedArrayBuffer).toBe(hashThreads > 0)
      expect(await plugin.transport.digests?.partCrc64?.(part)).toBe(expected)
      source.release?.(part)
      await source.close()
      await plugin.close()
    }
  })

  it('refuses a thread count that is not a whole number of at least 0, naming the option', () => {
    expect(() => nodeTransport({ hashThreads: -1 })).toThrow(/Option "hashThreads"/)
    expect(() => nodeTransport({ hashThreads: 1.5 })).toThrow(/Option "hashThreads"/)
  })
})
