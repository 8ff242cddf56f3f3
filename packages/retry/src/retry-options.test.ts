import { describe, expect, it } from 'vitest'
import { retry } from './retry'
import { DEFAULT_RETRY_OPTIONS, resolveRetryOptions } from './retry-options'

describe('retry options', () => {
  it('defaults to 3 retries from 1 s, doubling, capped at 20 s, with jitter', () => {
    expect(resolveRetryOptions()).toEqual({
      retries: 3,
      minTimeout: 1000,
      maxTimeout: 20000,
      factor: 2,
      randomize: true,
    })
  })

  it('keeps what the app gives and defaults the rest', () => {
    expect(resolveRetryOptions({ retries: 0, minTimeout: 2000 })).toEqual({
      ...DEFAULT_RETRY_OPTIONS,
      retries: 0,
      minTimeout: 2000,
    })
  })

  it.each([
    [{ retries: -1 }, 'retries'],
    [{ retries: 1.5 }, 'retries'],
    [{ retries: Number.POSITIVE_INFINITY }, 'retries'],
    [{ minTimeout: -5 }, 'minTimeout'],
    [{ maxTimeout: Number.NaN }, 'maxTimeout'],
    [{ minTimeout: 5000, maxTimeout: 100 }, 'maxTimeout'],
    [{ factor: 0.5 }, 'factor'],
    [{ factor: '2' }, 'factor'],
    [{ randomize: 'yes' }, 'randomize'],
  ])('refuses %j, naming "%s"', (options, field) => {
    expect(() => retry(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field }),
    )
    expect(() => retry(options as never)).toThrow(field)
  })
})

describe('a long minTimeout', () => {
  it('raises the default cap to it', () => {
    expect(resolveRetryOptions({ minTimeout: 30_000 }).maxTimeout).toBe(30_000)
  })
})
