import { isUploadError, type UploadError } from '@vodup/core'

/** Statuses retried although they are 4xx: Request Timeout and Too Many Requests. */
const RETRIED_CLIENT_STATUSES: ReadonlySet<number> = new Set([408, 429])

/**
 * The default retry decision for one failed attempt.
 *
 * | error | retried |
 * |---|---|
 * | anything that is not an `UploadError` | no |
 * | `TOKEN_EXPIRED` | no: the kernel refreshes the credentials instead |
 * | `ABORTED` | no |
 * | HTTP 408, 429 | yes |
 * | `CLOCK_SKEWED` (RequestTimeTooSkewed, after the target corrected its clock) | yes, at once |
 * | any other HTTP 4xx | no |
 * | `NETWORK`, `TIMEOUT`, `SERVER_ERROR` (5xx), `THROTTLED`, `BAD_RESPONSE`, `INTEGRITY_MISMATCH` | yes (they are `retryable`, except a `BAD_RESPONSE` the target marks otherwise) |
 * | everything else | as its `retryable` flag says |
 */
export function isRetryable(error: unknown): error is UploadError {
  if (!isUploadError(error)) return false
  if (error.code === 'TOKEN_EXPIRED' || error.code === 'ABORTED') return false
  if (error.status !== undefined && RETRIED_CLIENT_STATUSES.has(error.status)) return true
  if (error.code === 'CLOCK_SKEWED') return true
  if (error.status !== undefined && error.status >= 400 && error.status < 500) return false
  return error.retryable
}

/** True when the retry should go at once: the target has just corrected its clock, waiting gains nothing. */
export function retriesAtOnce(error: UploadError): boolean {
  return error.code === 'CLOCK_SKEWED'
}
