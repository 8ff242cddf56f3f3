import { createUploader } from '@vodup/core'
import { retry } from '@vodup/retry'
import { describe, expect, it } from 'vitest'
import {
  emulatorAuth,
  lossyNodeTransport,
  patternBytes,
  sameBytes,
  testDir,
  useEmulator,
  useTempDir,
} from '#test-support'
import { ossTarget } from '../src/index'

const emulator = useEmulator()
const files = useTempDir()
const PART = 100 * 1024

/** Uploads a 3-part file while the answers to the listed CompleteMultipartUpload requests (from 1) get lost. */
async function uploadLosingComplete(lost: number[]) {
  const bytes = patternBytes(3 * PART - 7, lost.length + 3)
  const path = await files.write(`lost-${lost.join('-')}.mp4`, bytes)
  const { dir } = await testDir()
  const transport = lossyNodeTransport(
    dir,
    (operation, n) => operation === 'CompleteMultipartUpload' && lost.includes(n),
  )
  const uploader = createUploader(
    [transport, ossTarget(), emulatorAuth(emulator), retry({ minTimeout: 10, maxTimeout: 20 })],
    { partSize: PART },
  )
  const from = emulator.requests().length
  const result = await uploader.upload({ path })
  const log = emulator.requests().slice(from)
  return { bytes, result, log }
}

describe('a CompleteMultipartUpload whose answer was lost', () => {
  it.each([[[1]], [[1, 2]]])(
    'is recognised from the object when the retry hears NoSuchUpload (lost answers %j)',
    async (lost) => {
      const { bytes, result, log } = await uploadLosingComplete(lost)
      expect(sameBytes(emulator.getObject(result.bucket, result.objectKey), bytes)).toBe(true)
      const count = (operation: string) =>
        log.filter((entry) => entry.operation === operation).length
      expect(count('InitiateMultipartUpload')).toBe(1)
      expect(count('UploadPart')).toBe(3)
      expect(
        log.filter((e) => e.operation === 'CompleteMultipartUpload').map((e) => e.status),
      ).toEqual([200, ...lost.slice(1).map(() => 404), 404])
      expect(count('HeadObject')).toBe(1)
      expect(result.crc64).toBeDefined()
    },
  )
})
