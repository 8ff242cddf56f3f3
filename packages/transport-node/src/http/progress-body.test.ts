import { describe, expect, it } from 'vitest'
import {
  MAX_PROGRESS_SLICE_BYTES,
  MIN_PROGRESS_SLICE_BYTES,
  progressBody,
  progressSliceBytes,
} from './progress-body'

const KiB = 1024

describe('progressSliceBytes', () => {
  it('gives a body about 32 slices, within 64 KiB and 256 KiB', () => {
    expect(progressSliceBytes(100)).toBe(MIN_PROGRESS_SLICE_BYTES)
    expect(progressSliceBytes(2 * 1024 * KiB)).toBe(64 * KiB)
    expect(progressSliceBytes(4 * 1024 * KiB)).toBe(128 * KiB)
    expect(progressSliceBytes(8 * 1024 * KiB)).toBe(256 * KiB)
    expect(progressSliceBytes(5 * 1024 ** 3)).toBe(MAX_PROGRESS_SLICE_BYTES)
  })
})

describe('progressBody', () => {
  it('yields views over the body, in order and without copies, and reports the bytes taken so far', async () => {
    const body = new Uint8Array(3 * 1024 * KiB + 5)
    for (let i = 0; i < body.length; i++) body[i] = i % 251
    const reports: number[] = []
    const slices: Buffer[] = []
    for await (const slice of progressBody(body, (sent) => reports.push(sent))) {
      expect(slice.buffer).toBe(body.buffer)
      slices.push(slice)
    }
    expect(Buffer.concat(slices).equals(Buffer.from(body))).toBe(true)
    expect(reports).toHaveLength(slices.length)
    expect(reports).toEqual([...reports].sort((a, b) => a - b))
    expect(reports.at(-1)).toBe(body.length)
    expect(slices[0].length).toBe(progressSliceBytes(body.length))
  })
})
