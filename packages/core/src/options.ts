import { UploadError } from './errors'
import type { TransportCapabilities } from './transport'

/** Options of `createUploader`. All are optional. */
export interface UploaderOptions {
  /** Part size in bytes; grown to fit the target's part-count limit. Default: the transport's, else 1 MiB. */
  partSize?: number
  /** Parts of one file in flight at once. Default: the transport's, else 4; never above its maximum. */
  concurrency?: number
  /** Files uploading at once. Default 1 (files go in list order). */
  fileConcurrency?: number
  /** Per-request timeout in ms. Default 60000. */
  timeoutMs?: number
  /** Files up to this size go in one request instead of multipart. Default: the part size. */
  multipartThreshold?: number
  /** Refresh credentials this long before they expire, when the expiry is known. Default 60000 ms. */
  refreshAheadMs?: number
  /** Least time between two byte-level progress events of a file. Default 200 ms. */
  progressIntervalMs?: number
  /** Save checkpoints and resume from them. Default true. */
  checkpoints?: boolean
  /** Credential refreshes in a row without progress before the file fails. Default 3. */
  maxRefreshesWithoutProgress?: number
}

/** Options after defaults and platform limits were applied. */
export interface ResolvedUploaderOptions {
  partSize: number
  concurrency: number
  fileConcurrency: number
  timeoutMs: number
  multipartThreshold: number
  refreshAheadMs: number
  progressIntervalMs: number
  checkpoints: boolean
  maxRefreshesWithoutProgress: number
}

const MiB = 1024 * 1024

function check(
  options: UploaderOptions,
  field: keyof UploaderOptions,
  rule: (value: number) => boolean,
  expectation: string,
) {
  const value = options[field]
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || !rule(value)) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `Option "${field}" must be ${expectation}; got ${JSON.stringify(value)}.`,
      { field },
    )
  }
}

const positiveInteger = (v: number) => Number.isSafeInteger(v) && v >= 1
const nonNegativeInteger = (v: number) => Number.isSafeInteger(v) && v >= 0

/** Checks option types and ranges; throws `INVALID_ARGUMENT` naming the option. */
export function validateOptions(options: UploaderOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new UploadError('INVALID_ARGUMENT', 'Uploader options must be an object.', {
      field: 'options',
    })
  }
  check(options, 'partSize', positiveInteger, 'a positive whole number of bytes')
  check(options, 'concurrency', positiveInteger, 'a whole number of at least 1')
  check(options, 'fileConcurrency', positiveInteger, 'a whole number of at least 1')
  check(options, 'timeoutMs', positiveInteger, 'a positive whole number of milliseconds')
  check(options, 'multipartThreshold', nonNegativeInteger, 'a whole number of bytes')
  check(options, 'refreshAheadMs', nonNegativeInteger, 'a whole number of milliseconds')
  check(options, 'progressIntervalMs', nonNegativeInteger, 'a whole number of milliseconds')
  check(options, 'maxRefreshesWithoutProgress', positiveInteger, 'a whole number of at least 1')
  if (options.checkpoints !== undefined && typeof options.checkpoints !== 'boolean') {
    throw new UploadError('INVALID_ARGUMENT', 'Option "checkpoints" must be true or false.', {
      field: 'checkpoints',
    })
  }
}

/** Applies defaults and the transport's limits. */
export function resolveOptions(
  options: UploaderOptions,
  capabilities: TransportCapabilities,
): ResolvedUploaderOptions {
  const concurrency =
    options.concurrency ??
    Math.min(capabilities.defaultConcurrency ?? 4, capabilities.maxConcurrency)
  if (concurrency > capabilities.maxConcurrency) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `Option "concurrency" is ${concurrency}, above this platform's limit of ${capabilities.maxConcurrency} requests at once.`,
      { field: 'concurrency' },
    )
  }
  const partSize = options.partSize ?? capabilities.defaultPartSize ?? MiB
  return {
    partSize,
    concurrency,
    fileConcurrency: options.fileConcurrency ?? 1,
    timeoutMs: options.timeoutMs ?? 60_000,
    multipartThreshold: options.multipartThreshold ?? partSize,
    refreshAheadMs: options.refreshAheadMs ?? 60_000,
    progressIntervalMs: options.progressIntervalMs ?? 200,
    checkpoints: options.checkpoints ?? true,
    maxRefreshesWithoutProgress: options.maxRefreshesWithoutProgress ?? 3,
  }
}
