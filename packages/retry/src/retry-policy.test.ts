import { type RetryFailure, UploadError } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_OPTIONS, type ResolvedRetryOptions } from './retry-options'
import { createRetryPolicy } from './retry-policy'

const quick: ResolvedRetryOptions = { ...DEFAULT_RETRY_OPTIONS, minTimeout: 1, randomize: false }

const network = () => new UploadError('NETWORK', 'socket hang up')

/** The failure the kernel reports after `streak` failures in a row. */
const failure = (error: UploadError, streak = 1, attempt = streak): RetryFailure => ({
  error,
  attempt,
  streak,
  operation: 'UploadPart',
  partNumber: 7,
  fileId: 'file-1',
})

describe('createRetryPolicy', () => {
  it('retries a network error, doubling the wait along the streak', () => {
    const policy = createRetryPolicy(quick)
    expect([1, 2, 3].map((streak) => policy.decide(failure(network(), streak)))).toEqual([
      { retry: true, delayMs: 1 },
      { retry: true, delayMs: 2 },
      { retry: true, delayMs: 4 },
    ])
  })

  it('gives up once the streak passes `retries`', () => {
    const policy = createRetryPolicy({ ...quick, retries: 2 })
    expect(policy.decide(failure(network(), 2)).retry).toBe(true)
    expect(policy.decide(failure(network(), 3)).retry).toBe(false)
  })

  it('counts the budget in the streak, not in attempts: a file that made progress starts again', () => {
    const policy = createRetryPolicy({ ...quick, retries: 1 })
    expect(policy.decide(failure(network(), 1, 9))).toEqual({ retry: true, delayMs: 1 })
  })

  it('never retries a 4xx such as AccessDenied, nor an expired token', () => {
    const policy = createRetryPolicy(quick)
    const denied = new UploadError('ACCESS_DENIED', 'denied', { status: 403 })
    const expired = new UploadError('TOKEN_EXPIRED', 'expired', { status: 403 })
    expect(policy.decide(failure(denied)).retry).toBe(false)
    expect(policy.decide(failure(expired)).retry).toBe(false)
  })

  it('retries RequestTimeTooSkewed at once', () => {
    const policy = createRetryPolicy({ ...quick, minTimeout: 60_000 })
    const skewed = new UploadError('CLOCK_SKEWED', 'skewed', {
      status: 403,
      serverCode: 'RequestTimeTooSkewed',
    })
    expect(policy.decide(failure(skewed))).toEqual({ retry: true, delayMs: 0 })
  })

  it('proposes a wait even when it says no, for a shouldRetry tap that retries anyway', () => {
    const policy = createRetryPolicy({ ...quick, minTimeout: 500 })
    const denied = new UploadError('ACCESS_DENIED', 'denied', { status: 403 })
    expect(policy.decide(failure(denied))).toEqual({ retry: false, delayMs: 500 })
  })

  it('draws its jitter from the given random source', () => {
    const policy = createRetryPolicy({ ...quick, minTimeout: 100, randomize: true }, () => 0.5)
    expect(policy.decide(failure(network())).delayMs).toBe(150)
  })
})
