import type { RetryPolicy } from '@vodup/core'
import { backoffDelay } from './backoff'
import { isRetryable, retriesAtOnce } from './classify'
import type { ResolvedRetryOptions } from './retry-options'

/**
 * The retry decision: a failure is retried while it is retryable (see `isRetryable`) and the file's failures in a
 * row (`streak`, which starts again whenever the file makes progress) stay within `retries`; the wait doubles from
 * `minTimeout` along the streak, with jitter, except after clock skew (at once). The kernel runs the attempts,
 * asks `shouldRetry` taps, reports each retry on the `retry` hook and waits.
 */
export function createRetryPolicy(
  options: ResolvedRetryOptions,
  random: () => number = Math.random,
): RetryPolicy {
  return {
    decide({ error, streak }) {
      return {
        retry: streak <= options.retries && isRetryable(error),
        delayMs: retriesAtOnce(error) ? 0 : backoffDelay(streak, options, random),
      }
    },
  }
}
