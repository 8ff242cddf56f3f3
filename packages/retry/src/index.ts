/**
 * Retries for vodup: the {@link retry} plugin, its options and {@link isRetryable}, the table it decides by.
 *
 * @module
 */
export { isRetryable } from './classify'
export { retry } from './retry'
export type { RetryOptions } from './retry-options'
