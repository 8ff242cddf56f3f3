import { NEVER_CANCELED, sleep } from './cancel'
import { isUploadError, toUploadError } from './errors'
import type { KernelHost } from './kernel-host'
import type { OperationInfo, RetryAttempt } from './retry-policy'

/**
 * Runs `action` until it succeeds or a failure is not retried. After each failure the retry policy decides,
 * `shouldRetry` taps may overrule it, a retry is logged and reported on `retry`, and the wait ends early when the
 * signal aborts. `TOKEN_EXPIRED`, anything that is not an `UploadError` (`INTERNAL`) and failures after the signal
 * aborted are never retried. `progressMark` grows
 * when the file makes progress: the failure streak the policy sees then starts again.
 */
export async function runWithRetry<T>(
  host: KernelHost,
  info: OperationInfo,
  action: (attempt: number) => Promise<T>,
  progressMark: () => number = () => 0,
): Promise<T> {
  const signal = info.signal ?? NEVER_CANCELED
  const fileId = info.file.id
  let streak = 0
  let mark = progressMark()
  for (let attempt = 1; ; attempt++) {
    try {
      return await action(attempt)
    } catch (thrown) {
      if (signal.aborted) throw signal.reason
      // A bug (not an UploadError) fails the same way again; an expired token goes to the credential refresh.
      if (!isUploadError(thrown)) throw toUploadError(thrown)
      const error = thrown
      if (error.code === 'TOKEN_EXPIRED') throw error
      const now = progressMark()
      if (now !== mark) {
        mark = now
        streak = 0
      }
      streak++
      const { operation, partNumber } = info
      const decision = host.retryPolicy.decide({
        error,
        attempt,
        streak,
        operation,
        partNumber,
        fileId,
      })
      const report: RetryAttempt = {
        fileId,
        operation,
        partNumber,
        attempt,
        delayMs: decision.delayMs,
        error,
      }
      if (!(host.hooks.shouldRetry.call(error, report) ?? decision.retry)) throw error
      const part = partNumber === undefined ? '' : ` (part ${partNumber})`
      host.log(
        'warn',
        `${operation}${part} failed with ${error.code}; retrying in ${report.delayMs} ms.`,
        { fileId, data: { attempt, delayMs: report.delayMs } },
      )
      host.hooks.retry.call(report)
      await sleep(report.delayMs, signal)
    }
  }
}
