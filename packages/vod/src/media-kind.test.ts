import { describe, expect, it } from 'vitest'
import { assertNotEmpty, isImageFile } from './media-kind'

const file = (name: string, meta: Record<string, unknown> = {}, size?: number) => ({
  name,
  meta,
  size,
})

describe('isImageFile', () => {
  it.each([
    ['cover.jpg', true],
    ['cover.JPEG', true],
    ['a.png', true],
    ['a.gif', true],
    ['a.webp', true],
    ['a.bmp', true],
    ['IMG_0001.HEIC', true],
    ['movie.mp4', false],
    ['xjpg.mp4', false],
    ['photo.jpg.mp4', false],
    ['jpg', false],
    ['a.pngx', false],
    ['a_png', false],
  ])('%s → %s', (name, expected) => {
    expect(isImageFile(file(name))).toBe(expected)
  })

  it('lets meta.isImage decide when set', () => {
    expect(isImageFile(file('movie.mp4', { isImage: true }))).toBe(true)
    expect(isImageFile(file('cover.jpg', { isImage: false }))).toBe(false)
  })
})

describe('assertNotEmpty', () => {
  it('refuses zero-byte videos and images with EMPTY_FILE', () => {
    expect(() => assertNotEmpty(file('a.mp4', {}, 0))).toThrow(
      expect.objectContaining({ code: 'EMPTY_FILE' }),
    )
    expect(() => assertNotEmpty(file('a.png', {}, 0))).toThrow(/empty image/)
    expect(() => assertNotEmpty(file('a.mp4', {}, 1))).not.toThrow()
    expect(() => assertNotEmpty(file('a.mp4', {}, undefined))).not.toThrow()
  })
})
