import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { identifyInput } from './file-input'

describe('identifyInput', () => {
  it('accepts a path, { path } and { url } and names the same absolute file', () => {
    const absolute = resolve('videos/clip.mp4')
    for (const input of [
      'videos/clip.mp4',
      { path: 'videos/clip.mp4' },
      { url: 'videos/clip.mp4' },
      { url: pathToFileURL(absolute).href },
    ]) {
      expect(identifyInput(input)).toEqual({ key: absolute, name: 'clip.mp4' })
    }
  })

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['an empty path', ''],
    ['a blank path', '   '],
    ['an object without path or url', { name: 'clip.mp4' }],
    ['a non-string path', { path: 7 }],
    ['a remote URL', { url: 'https://example.com/clip.mp4' }],
    ['a NUL in the path', 'clip\u0000.mp4'],
  ])('refuses %s with INVALID_ARGUMENT', (_label, input) => {
    expect(() => identifyInput(input)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'input' }),
    )
  })
})
