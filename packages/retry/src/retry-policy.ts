import {
  isUploadError,
  type Kernel,
  type RetryAttempt,
  type RetryContext,
  type RetryPolicy,
  sleep,
  type UploadError,
} from '@vodup/core'
import pRetry from 'p-retry'
import { backoffDelay } from './backoff'
import { isRetryable, retriesAtOnce } from './classify'
import type { ResolvedRetryOptions } from './retry-options'

type PolicyKernel = Pick<Kernel, 'hooks' | 'log'>

/**
 * A retry policy on p-retry. p-retry runs the attempts; the policy decides and waits inside p-retry's
 * `shouldRetry`, so that each retry is reported on the `retry` hook with the delay it will really wait, and the wait
 * ends at once when the file's cancel signal fires (p-retry's own wait needs an `AbortSignal`, which mini programs
 * lack).
 *
 * The budget (`retries`) counts failures since the file last made progress: `context.progressMark()` changing
 * starts a new streak, with a fresh budget and the shortest delay again.
 */
export function createRetryPolicy(
  kernel: PolicyKernel,
  options: ResolvedRetryOptions,
  random: () => number = Math.random,
): RetryPolicy {
  return {
    run<T>(attempt: (attemptNumber: number) => Promise<T>, context: RetryContext): Promise<T> {
      let failures = 0
      let mark = context.progressMark()
      return pRetry(attempt, {
        retries: Number.POSITIVE_INFINITY,
        // p-retry waits min(its own delay, maxTimeout): 0 leaves all waiting to shouldRetry below.
        maxTimeout: 0,
        shouldRetry: async ({ error, attemptNumber }) => {
          if (context.signal.aborted || !isUploadError(error) || error.code === 'TOKEN_EXPIRED') {
            return false
          }
          const progress = context.progressMark()
          if (progress !== mark) {
            mark = progress
            failures = 0
          }
          failures++
          const report: RetryAttempt = {
            fileId: context.file.id,
            operation: context.operation,
            partNumber: context.partNumber,
            attempt: attemptNumber,
            delayMs: retriesAtOnce(error) ? 0 : backoffDelay(failures, options, random),
            error,
          }
          const verdict = askTaps(kernel, error, report)
          if (!(verdict ?? (failures <= options.retries && isRetryable(error)))) return false
          announce(kernel, report)
          await sleep(report.delayMs, context.signal)
          return true
        },
      })
    },
  }
}

/** The `shouldRetry` taps' answer; a tap that throws is logged and counts as no answer. */
function askTaps(kernel: PolicyKernel, error: UploadError, report: RetryAttempt) {
  try {
    return kernel.hooks.shouldRetry.call(error, report)
  } catch (thrown) {
    kernel.log('error', `A shouldRetry tap threw: ${String(thrown)}`, { fileId: report.fileId })
    return undefined
  }
}

function announce(kernel: PolicyKernel, report: RetryAttempt): void {
  const part = report.partNumber === undefined ? '' : ` (part ${report.partNumber})`
  kernel.log(
    'warn',
    `${report.operation}${part} failed with ${report.error.code}; retrying in ${report.delayMs} ms.`,
    { fileId: report.fileId, data: { attempt: report.attempt, delayMs: report.delayMs } },
  )
  try {
    kernel.hooks.retry.call(report)
  } catch (thrown) {
    kernel.log('error', `A retry tap threw: ${String(thrown)}`, { fileId: report.fileId })
  }
}
