import { createUploader } from '@vodup/core'
import { memoryTarget, memoryTransport } from '@vodup/core/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const stack = () => [memoryTransport({ capabilities: { maxConcurrency: 8 } }), memoryTarget()]

describe('uploader options', () => {
  it.each([
    ['partSize', -1],
    ['partSize', 1.5],
    ['partSize', 0],
    ['partSize', Number.NaN],
    ['concurrency', 0],
    ['fileConcurrency', 0],
    ['timeoutMs', -5],
    ['multipartThreshold', 0.5],
    ['partSize', '1024'],
  ])('refuses %s = %s with INVALID_ARGUMENT naming the option', (field, value) => {
    expect(() => createUploader(stack(), { [field]: value })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field }),
    )
  })

  it('refuses a concurrency above the platform cap', () => {
    expect(() => createUploader(stack(), { concurrency: 9 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining("platform's limit of 8"),
      }),
    )
  })

  it('accepts every whole positive part size and concurrency within the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 8 }),
        (partSize, concurrency) => {
          const uploader = createUploader(stack(), { partSize, concurrency })
          return uploader.running === false
        },
      ),
    )
  })
})
