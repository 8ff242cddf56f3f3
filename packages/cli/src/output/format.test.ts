import { describe, expect, it } from 'vitest'
import { formatBytes, formatEta, formatSpeed } from './format'

describe('formatting', () => {
  it('shows sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(30 * 1024 * 1024)).toBe('30.0 MiB')
    expect(formatBytes(4 * 1024 ** 3)).toBe('4.0 GiB')
  })

  it('shows speed and ETA, or a dash while unknown', () => {
    expect(formatSpeed(0)).toBe('–')
    expect(formatSpeed(2 * 1024 * 1024)).toBe('2.0 MiB/s')
    expect(formatEta(undefined)).toBe('–')
    expect(formatEta(42.4)).toBe('42s')
    expect(formatEta(185)).toBe('3m05s')
    expect(formatEta(3720)).toBe('1h02m')
  })
})
