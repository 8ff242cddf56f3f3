import { describe, expect, it } from 'vitest'
import { BandwidthLimit } from './bandwidth-limit'
import {
  MAX_PROGRESS_SLICE_BYTES,
  MIN_PROGRESS_SLICE_BYTES,
  progressSliceBytes,
} from './body-writer'

const KiB = 1024

describe('progressSliceBytes', () => {
  it('gives a body about 32 slices, within 64 KiB and 256 KiB', () => {
    expect(progressSliceBytes(100)).toBe(MIN_PROGRESS_SLICE_BYTES)
    expect(progressSliceBytes(2 * 1024 * KiB)).toBe(64 * KiB)
    expect(progressSliceBytes(4 * 1024 * KiB)).toBe(128 * KiB)
    expect(progressSliceBytes(8 * 1024 * KiB)).toBe(256 * KiB)
    expect(progressSliceBytes(5 * 1024 ** 3)).toBe(MAX_PROGRESS_SLICE_BYTES)
  })

  it('gets smaller under a bandwidth cap: about 1/20 s of the rate, at least 16 KiB', () => {
    expect(new BandwidthLimit(1024 * KiB).sliceBytes(256 * KiB)).toBe(Math.floor((1024 * KiB) / 20))
    expect(new BandwidthLimit(10 * KiB).sliceBytes(256 * KiB)).toBe(16 * KiB)
    expect(new BandwidthLimit(1024 * 1024 * KiB).sliceBytes(256 * KiB)).toBe(256 * KiB)
  })
})
