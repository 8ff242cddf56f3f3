import type { UploaderPlugin } from '@vodup/core'
import { type RetryOptions, resolveRetryOptions } from './retry-options'
import { createRetryPolicy } from './retry-policy'

/**
 * The retry plugin: network errors, timeouts, 5xx, 408, 429 and clock skew are retried with exponential backoff
 * and jitter; other 4xx never; an expired token goes to the credential refresh instead. Each retry is reported on
 * the kernel's `retry` hook, and a `shouldRetry` tap may force the decision either way.
 *
 * Throws `INVALID_ARGUMENT` naming the option when an option is out of range.
 *
 * @example
 * ```ts
 * const uploader = createUploader([nodeTransport(), ossTarget(), uploadAuth({ getUploadAuth }), retry({ retries: 5 })])
 * uploader.hooks.retry.tap('app', ({ operation, attempt, delayMs, error }) =>
 *   console.log(`${operation} attempt ${attempt} failed (${error.code}); retrying in ${delayMs} ms`))
 * ```
 */
export function retry(options: RetryOptions = {}): UploaderPlugin {
  const resolved = resolveRetryOptions(options)
  return {
    name: 'retry',
    apply(kernel) {
      kernel.provideRetryPolicy(createRetryPolicy(resolved))
    },
  }
}
