import { UploadError } from '@vodup/core'
import type { ReadMode } from './file-source'
import { MAX_TIMEOUT_MS } from './send-request'
import type { WxLike } from './wx-api'
import type { WxStoreOptions } from './wx-store'

/** WeChat runs at most 10 requests at once for the whole app; the transport leaves 2 to the app's own code. */
export const PLATFORM_REQUEST_LIMIT = 10
export const REQUEST_HEADROOM = 2
export const MAX_CONCURRENCY = PLATFORM_REQUEST_LIMIT - REQUEST_HEADROOM

/** Options of `wxTransport()`. All are optional. */
export interface WxTransportOptions {
  /** The `wx` object (or `qq`, `uni`, `Taro`). Default: the global `wx`, looked up when the plugin is applied. */
  wx?: WxLike
  /** Requests the transport runs at once, over all files. Default 4; at most 8 (WeChat's 10 minus headroom). */
  concurrency?: number
  /** Request timeout when a request carries none, in ms. Default and maximum 60000 (WeChat's cap). */
  timeoutMs?: number
  /** Send files up to `maxSize` bytes in one `wx.uploadFile` form POST (OSS PostObject) with real progress. Off by default. */
  formUpload?: { maxSize: number }
  /** Where checkpoints go in wx storage and how they are pruned. */
  storage?: WxStoreOptions
  /** After a network change failed requests, wait this long before checking the network and resuming. Default 1000 ms. */
  networkSettleMs?: number
  /** How parts are read. Default `readFile` (ranged, base library 2.10.0), falling back to `fd` (open + read). */
  readMode?: ReadMode
}

/** Options with defaults applied. */
export interface ResolvedWxTransportOptions {
  concurrency: number
  timeoutMs: number
  formUploadMaxSize?: number
  storage: WxStoreOptions
  networkSettleMs: number
  readMode: ReadMode
}

function wholeNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`
    throw new UploadError(
      'INVALID_ARGUMENT',
      `wxTransport option "${field}" must be a whole number ${range}; got ${JSON.stringify(value)}.`,
      { field },
    )
  }
  return value
}

/** Checks the options; throws INVALID_ARGUMENT naming the option. */
export function resolveOptions(options: WxTransportOptions): ResolvedWxTransportOptions {
  if (typeof options !== 'object' || options === null) {
    throw new UploadError('INVALID_ARGUMENT', 'wxTransport options must be an object.', {
      field: 'options',
    })
  }
  const big = Number.MAX_SAFE_INTEGER
  const concurrency = options.concurrency
  if (
    typeof concurrency === 'number' &&
    Number.isSafeInteger(concurrency) &&
    concurrency > MAX_CONCURRENCY
  ) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `wxTransport option "concurrency" is ${concurrency}: WeChat runs at most ${PLATFORM_REQUEST_LIMIT} requests at once for the whole app, so the transport allows at most ${MAX_CONCURRENCY}.`,
      { field: 'concurrency' },
    )
  }
  const storage = options.storage ?? {}
  if (typeof storage !== 'object' || storage === null) {
    throw new UploadError('INVALID_ARGUMENT', 'wxTransport option "storage" must be an object.', {
      field: 'storage',
    })
  }
  if (
    storage.prefix !== undefined &&
    (typeof storage.prefix !== 'string' || storage.prefix === '')
  ) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'wxTransport option "storage.prefix" must be a non-empty string.',
      {
        field: 'storage.prefix',
      },
    )
  }
  const formUpload = options.formUpload
  if (formUpload !== undefined && (typeof formUpload !== 'object' || formUpload === null)) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'wxTransport option "formUpload" must be { maxSize }.',
      {
        field: 'formUpload',
      },
    )
  }
  if (
    options.readMode !== undefined &&
    options.readMode !== 'readFile' &&
    options.readMode !== 'fd'
  ) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'wxTransport option "readMode" must be "readFile" or "fd".',
      {
        field: 'readMode',
      },
    )
  }
  return {
    concurrency: wholeNumber(concurrency, 'concurrency', 1, MAX_CONCURRENCY, 4),
    timeoutMs: wholeNumber(options.timeoutMs, 'timeoutMs', 1, MAX_TIMEOUT_MS, MAX_TIMEOUT_MS),
    ...(formUpload
      ? { formUploadMaxSize: wholeNumber(formUpload.maxSize, 'formUpload.maxSize', 1, big, 0) }
      : {}),
    storage: {
      ...(storage.prefix !== undefined ? { prefix: storage.prefix } : {}),
      maxRecords: wholeNumber(storage.maxRecords, 'storage.maxRecords', 1, big, 50),
      maxAgeMs: wholeNumber(storage.maxAgeMs, 'storage.maxAgeMs', 1, big, 7 * 24 * 60 * 60 * 1000),
    },
    networkSettleMs: wholeNumber(options.networkSettleMs, 'networkSettleMs', 0, big, 1000),
    readMode: options.readMode ?? 'readFile',
  }
}
