import { UploadError } from '@vodup/core'

/** Options of {@link retry}. Names follow p-retry's, the de-facto vocabulary of retry options. */
export interface RetryOptions {
  /** Retries after a failure, counted since the file last made progress (a part acknowledged). Default 3. */
  retries?: number
  /** Delay before the first retry of a streak, in ms. Default 1000. */
  minTimeout?: number
  /** Longest delay between two attempts, in ms. Default 20000, or `minTimeout` if that is longer. */
  maxTimeout?: number
  /** Each further retry waits `factor` times longer. Default 2. */
  factor?: number
  /** Multiplies each delay by a random number between 1 and 2, so clients do not retry in step. Default true. */
  randomize?: boolean
}

/** {@link RetryOptions} with every default applied. */
export type ResolvedRetryOptions = Required<RetryOptions>

/** The defaults: 3 retries, 1 s, 2 s, 4 s (each up to twice as long with jitter), never above 20 s. */
export const DEFAULT_RETRY_OPTIONS: ResolvedRetryOptions = Object.freeze({
  retries: 3,
  minTimeout: 1000,
  maxTimeout: 20_000,
  factor: 2,
  randomize: true,
})

function invalid(field: keyof RetryOptions, expectation: string, value: unknown): UploadError {
  return new UploadError(
    'INVALID_ARGUMENT',
    `Retry option "${field}" must be ${expectation}; got ${JSON.stringify(value)}.`,
    { field },
  )
}

function wholeNumber(options: RetryOptions, field: 'retries' | 'minTimeout' | 'maxTimeout') {
  const value = options[field]
  if (value === undefined) return
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalid(field, 'a whole number of at least 0', value)
  }
}

/** Checks the options and applies the defaults; throws `INVALID_ARGUMENT` naming a bad option. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  if (typeof options !== 'object' || options === null) {
    throw new UploadError('INVALID_ARGUMENT', 'Retry options must be an object.', {
      field: 'options',
    })
  }
  wholeNumber(options, 'retries')
  wholeNumber(options, 'minTimeout')
  wholeNumber(options, 'maxTimeout')
  const { factor, randomize } = options
  if (
    factor !== undefined &&
    (typeof factor !== 'number' || !(factor >= 1) || factor === Infinity)
  ) {
    throw invalid('factor', 'a finite number of at least 1', factor)
  }
  if (randomize !== undefined && typeof randomize !== 'boolean') {
    throw invalid('randomize', 'true or false', randomize)
  }
  const resolved = { ...DEFAULT_RETRY_OPTIONS }
  for (const key of Object.keys(resolved) as Array<keyof RetryOptions>) {
    if (options[key] !== undefined) (resolved as Record<string, unknown>)[key] = options[key]
  }
  if (options.maxTimeout === undefined) {
    resolved.maxTimeout = Math.max(resolved.maxTimeout, resolved.minTimeout)
  } else if (resolved.maxTimeout < resolved.minTimeout) {
    throw invalid('maxTimeout', `at least minTimeout (${resolved.minTimeout})`, resolved.maxTimeout)
  }
  return resolved
}
