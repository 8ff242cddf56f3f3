import { createUploader } from '@vodup/core'
import { nodeTransport } from '@vodup/transport-node'
import { describe, expect, it } from 'vitest'
import { emulatorAuth, patternBytes, sameBytes, useEmulator, useTempDir } from '#test-support'
import { ossTarget } from '../src/index'
import { crc64 } from '../src/internal'

const emulator = useEmulator()
const files = useTempDir()

describe.each(['v1', 'v4'] as const)('with @vodup/transport-node (%s)', (version) => {
  it('uploads in parts with native MD5, CRC-64 and HMAC, byte progress and reused read buffers', async () => {
    const bytes = patternBytes(3 * 1024 * 1024 + 777, 41)
    const path = await files.write(`native-${version}.mp4`, bytes)
    const transport = nodeTransport({ checkpointDir: `${files.dir}/checkpoints-${version}` })
    const uploader = createUploader(
      [
        transport,
        ossTarget({ signatureVersion: version }),
        emulatorAuth(emulator, { mode: 'sts', region: true }),
      ],
      { partSize: 512 * 1024, concurrency: 3, progressIntervalMs: 0 },
    )
    const loaded: number[] = []
    uploader.hooks.progress.tap('test', (_file, snapshot) => {
      loaded.push(snapshot.loaded)
    })
    try {
      const result = await uploader.upload({ path })
      expect(result).toMatchObject({ partsSent: 7, crc64: crc64(bytes) })
      const stored = await emulator.getObject(
        emulator.defaultBucket,
        `uploads/native-${version}.mp4`,
      )
      expect(sameBytes(stored, bytes)).toBe(true)
      expect(loaded.at(-1)).toBe(bytes.length)
      expect(loaded.every((value, i) => i === 0 || value >= loaded[i - 1]!)).toBe(true)
    } finally {
      await uploader.dispose()
    }
  })
})
