import { createUploader } from '@vodup/core'
import { retry } from '@vodup/retry'
import { describe, expect, it } from 'vitest'
import {
  emulatorAuth,
  nodeTransportForTest,
  patternBytes,
  sameBytes,
  useEmulator,
  useTempDir,
} from '#test-support'
import { ossTarget } from '../src/index'

const emulator = useEmulator()
const files = useTempDir()
const PART = 100 * 1024

/** Uploads a 3-part file while the answers to the first `lost` CompleteMultipartUpload requests get lost. */
async function uploadLosingComplete(lost: number) {
  const bytes = patternBytes(3 * PART - 7, lost + 3)
  const path = await files.write(`lost-${lost}.mp4`, bytes)
  const uploader = createUploader(
    [
      await nodeTransportForTest(),
      ossTarget(),
      emulatorAuth(emulator),
      retry({ minTimeout: 10, maxTimeout: 20 }),
    ],
    { partSize: PART },
  )
  emulator.faults.loseAnswer({ operation: 'CompleteMultipartUpload', count: lost })
  const from = emulator.requests().length
  const result = await uploader.upload({ path })
  const log = emulator.requests().slice(from)
  return { bytes, result, log }
}

describe('a CompleteMultipartUpload whose answer was lost', () => {
  it.each([1, 2])(
    'is recognised from the object when the retry hears NoSuchUpload (%i answers lost)',
    async (lost) => {
      const { bytes, result, log } = await uploadLosingComplete(lost)
      expect(sameBytes(emulator.getObject(result.bucket, result.objectKey), bytes)).toBe(true)
      const count = (operation: string) =>
        log.filter((entry) => entry.operation === operation).length
      expect(count('InitiateMultipartUpload')).toBe(1)
      expect(count('UploadPart')).toBe(3)
      expect(
        log
          .filter((e) => e.operation === 'CompleteMultipartUpload')
          .map((e) => [e.status, e.answerLost ?? false]),
      ).toEqual([[200, true], ...(lost === 2 ? [[404, true]] : []), [404, false]])
      expect(count('HeadObject')).toBe(1)
      expect(result.crc64).toBeDefined()
    },
  )
})
