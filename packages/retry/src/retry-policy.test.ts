import {
  createCancelController,
  createHooks,
  type FileTask,
  type RetryAttempt,
  type RetryContext,
  UploadError,
} from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_OPTIONS, type ResolvedRetryOptions } from './retry-options'
import { createRetryPolicy } from './retry-policy'

const quick: ResolvedRetryOptions = { ...DEFAULT_RETRY_OPTIONS, minTimeout: 1, randomize: false }

function setup(options: ResolvedRetryOptions = quick) {
  const hooks = createHooks()
  const logs: string[] = []
  const policy = createRetryPolicy({ hooks, log: (_level, message) => logs.push(message) }, options)
  const retries: RetryAttempt[] = []
  hooks.retry.tap('test', (attempt) => {
    retries.push(attempt)
  })
  const controller = createCancelController()
  let mark = 0
  const context: RetryContext = {
    file: { id: 'file-1' } as FileTask,
    operation: 'UploadPart',
    partNumber: 7,
    signal: controller.signal,
    progressMark: () => mark,
  }
  return { hooks, policy, retries, controller, context, logs, progress: () => mark++ }
}

/** An attempt function failing with the given errors in turn, then resolving with 'done'. */
function failing(...errors: unknown[]) {
  const seen: number[] = []
  const attempt = async (n: number) => {
    seen.push(n)
    const error = errors[n - 1]
    if (error !== undefined) throw error
    return 'done'
  }
  return { attempt, seen }
}

const network = () => new UploadError('NETWORK', 'socket hang up')

describe('createRetryPolicy', () => {
  it('retries a network error and reports each retry on the retry hook', async () => {
    const { policy, retries, context } = setup()
    const { attempt, seen } = failing(network(), network())
    await expect(policy.run(attempt, context)).resolves.toBe('done')
    expect(seen).toEqual([1, 2, 3])
    expect(retries).toEqual([
      expect.objectContaining({
        fileId: 'file-1',
        operation: 'UploadPart',
        partNumber: 7,
        attempt: 1,
        delayMs: 1,
      }),
      expect.objectContaining({ attempt: 2, delayMs: 2 }),
    ])
    expect(retries[0].error.code).toBe('NETWORK')
  })

  it('gives up after `retries` failures in a row with the last error', async () => {
    const { policy, retries, context } = setup({ ...quick, retries: 2 })
    const last = network()
    const { attempt, seen } = failing(network(), network(), last)
    await expect(policy.run(attempt, context)).rejects.toBe(last)
    expect(seen).toEqual([1, 2, 3])
    expect(retries.map((r) => r.attempt)).toEqual([1, 2])
  })

  it('starts a fresh budget, from the shortest delay, once the file made progress', async () => {
    const { policy, retries, context, progress } = setup({ ...quick, retries: 1 })
    const seen: number[] = []
    const attempt = async (n: number) => {
      seen.push(n)
      if (n === 2) progress()
      throw network()
    }
    await expect(policy.run(attempt, context)).rejects.toMatchObject({ code: 'NETWORK' })
    // Without the reset the second failure would have used up the single retry.
    expect(seen).toEqual([1, 2, 3])
    expect(retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 1],
      [2, 1],
    ])
  })

  it('never retries an expired token: the kernel refreshes the credentials', async () => {
    const { policy, retries, context, hooks } = setup()
    hooks.shouldRetry.tap('test', () => true)
    const expired = new UploadError('TOKEN_EXPIRED', 'expired', { status: 403 })
    const { attempt, seen } = failing(expired)
    await expect(policy.run(attempt, context)).rejects.toBe(expired)
    expect(seen).toEqual([1])
    expect(retries).toEqual([])
  })

  it('never retries a 4xx such as AccessDenied', async () => {
    const { policy, retries, context } = setup()
    const denied = new UploadError('ACCESS_DENIED', 'denied', { status: 403 })
    const { attempt, seen } = failing(denied)
    await expect(policy.run(attempt, context)).rejects.toBe(denied)
    expect(seen).toEqual([1])
    expect(retries).toEqual([])
  })

  it('retries RequestTimeTooSkewed at once', async () => {
    const { policy, retries, context } = setup({ ...quick, minTimeout: 60_000 })
    const skewed = new UploadError('CLOCK_SKEWED', 'skewed', {
      status: 403,
      serverCode: 'RequestTimeTooSkewed',
    })
    const { attempt } = failing(skewed)
    await expect(policy.run(attempt, context)).resolves.toBe('done')
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 0 })])
  })

  it('lets a shouldRetry tap force the decision either way', async () => {
    const { policy, retries, context, hooks } = setup()
    const answers: Array<boolean | undefined> = [false]
    hooks.shouldRetry.tap('test', (error, attempt) => {
      expect(attempt).toMatchObject({ fileId: 'file-1', operation: 'UploadPart', error })
      return answers.shift()
    })
    const first = failing(network())
    await expect(policy.run(first.attempt, context)).rejects.toMatchObject({ code: 'NETWORK' })
    expect(retries).toEqual([])

    answers.push(true)
    const denied = new UploadError('ACCESS_DENIED', 'denied', { status: 403 })
    const second = failing(denied)
    await expect(policy.run(second.attempt, context)).resolves.toBe('done')
    expect(retries).toEqual([expect.objectContaining({ error: denied })])
  })

  it('treats a throwing shouldRetry tap as no answer, and a throwing retry tap as harmless', async () => {
    const { policy, context, hooks, logs } = setup()
    hooks.shouldRetry.tap('broken', () => {
      throw new Error('tap bug')
    })
    hooks.retry.tap('broken', () => {
      throw new Error('observer bug')
    })
    const { attempt } = failing(network())
    await expect(policy.run(attempt, context)).resolves.toBe('done')
    expect(logs.some((line) => line.includes('tap bug'))).toBe(true)
    expect(logs.some((line) => line.includes('observer bug'))).toBe(true)
  })

  it('does not retry once the signal aborted', async () => {
    const { policy, retries, context, controller } = setup()
    const seen: number[] = []
    const attempt = async (n: number) => {
      seen.push(n)
      controller.abort()
      throw network()
    }
    await expect(policy.run(attempt, context)).rejects.toMatchObject({ code: 'NETWORK' })
    expect(seen).toEqual([1])
    expect(retries).toEqual([])
  })

  it('ends a backoff wait at once when the signal aborts', async () => {
    const { policy, context, controller, hooks } = setup({ ...quick, minTimeout: 3_600_000 })
    hooks.retry.tap('test', () => {
      setTimeout(() => controller.abort(new UploadError('ABORTED', 'stopped by the test')), 1)
    })
    const { attempt, seen } = failing(network())
    await expect(policy.run(attempt, context)).rejects.toMatchObject({
      code: 'ABORTED',
      message: 'stopped by the test',
    })
    expect(seen).toEqual([1])
  })

  it('does not retry errors that are not UploadErrors', async () => {
    const { policy, retries, context, hooks } = setup()
    hooks.shouldRetry.tap('test', () => true)
    const bug = new TypeError('undefined is not a function')
    const { attempt, seen } = failing(bug)
    await expect(policy.run(attempt, context)).rejects.toBe(bug)
    expect(seen).toEqual([1])
    expect(retries).toEqual([])
  })
})
