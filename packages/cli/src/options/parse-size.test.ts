import { describe, expect, it } from 'vitest'
import { parseCount, parseSize } from './parse-size'

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['8MiB', 8 * 1024 * 1024],
    ['8m', 8 * 1024 * 1024],
    ['512KiB', 512 * 1024],
    ['1.5M', 1.5 * 1024 * 1024],
    ['1GB', 1024 ** 3],
  ])('reads %s as %i bytes', (text, bytes) => {
    expect(parseSize(text, '--part-size')).toBe(bytes)
  })

  it.each(['', 'big', '0', '-5', '8XB', '1e6'])('refuses %j naming the option', (text) => {
    expect(() => parseSize(text, '--part-size')).toThrowError(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('--part-size'),
      }),
    )
  })
})

describe('parseCount', () => {
  it('reads whole numbers at or above the minimum', () => {
    expect(parseCount('4', '-c')).toBe(4)
    expect(parseCount('0', '--port', 0)).toBe(0)
  })

  it.each(['0', '1.5', 'x', '-1', ''])('refuses %j', (text) => {
    expect(() => parseCount(text, '-c')).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})
