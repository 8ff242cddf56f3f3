import { describe, expect, it } from 'vitest'
import { printable } from './printable.js'

describe('printable', () => {
  it('shows every character a terminal would act on as an escape, and leaves text alone', () => {
    expect(printable('videos/\u001b[2J\u001b]0;owned\u0007a\u009bb\u202ec\u2028d\rk\n')).toBe(
      'videos/\\x1b[2J\\x1b]0;owned\\x07a\\x9bb\\u202ec\\u2028d\\x0dk\\x0a',
    )
    expect(printable('電影/movie 1.mp4 ✓')).toBe('電影/movie 1.mp4 ✓')
  })
})
