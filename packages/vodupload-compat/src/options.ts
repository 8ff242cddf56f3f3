import type { UploadInfo, VodCallbacks } from '@vodup/callback-compat'
import { UploadError, type UploaderOptions } from '@vodup/core'
import type { RetryOptions } from '@vodup/retry'
import { assertSecureEndpoint, DEFAULT_REGION, vodEndpoint } from '@vodup/vod'

export type { UploadInfo }

/**
 * The options of `new VODUpload(options)`: VODUpload's own, with its callbacks. As in VODUpload, an omitted or
 * falsy `region`, `partSize`, `parallel`, `retryDuration` or `timeout` means the default.
 */
export interface VODUploadOptions extends VodCallbacks {
  /** Accepted and unused (VODUpload used it only for its cloud progress reports). */
  userId?: string | number
  /** VOD region of the STS flow's API calls. Default `cn-shanghai`; an UploadAuth names its own. */
  region?: string
  /** Part size in bytes; grown to at least 100 KB and to fit 10,000 parts. Default: the platform's (1 MiB). */
  partSize?: number
  /** Parts of one file sent at once (files go one at a time). Default: the platform's; at most its limit. */
  parallel?: number
  /** Retries of a failing request without progress in between. Default 3; `0` turns retries off. */
  retryCount?: number
  /** Seconds before the first retry; later ones wait twice as long each time, with jitter. Default 2. */
  retryDuration?: number
  /** Per-request timeout in ms. Default 60000. */
  timeout?: number
  /** The endpoint (from addFile or the UploadAddress) is a custom domain bound to the bucket. Default false. */
  cname?: boolean
  /** Accepted and unused: vodup has no cloud checkpoint to skip. */
  localCheckpoint?: boolean
  /** Accepted and unused: vodup sends no progress reports to the cloud. */
  enableUploadProgress?: boolean
  /** vodup: the VOD OpenAPI endpoint of the STS flow, e.g. an emulator's URL. Default `https://vod.<region>.aliyuncs.com`. */
  vodEndpoint?: string
  /**
   * vodup: accept plain `http://` to hosts that are not loopback (`vodEndpoint`, `addFile`'s endpoint, an
   * UploadAddress): credentials then cross the network in clear. Default false. `http://` to 127.0.0.0/8, `[::1]`
   * and `localhost` (a local emulator) is always accepted.
   */
  allowPlainHttp?: boolean
}

/** What the options resolve to. */
export interface ResolvedVODUploadOptions {
  uploader: UploaderOptions
  retry: RetryOptions
  region: string
  vodEndpoint?: string
  cname: boolean
  allowPlainHttp: boolean
}

function invalid(field: string, expectation: string, value: unknown): UploadError {
  return new UploadError(
    'INVALID_ARGUMENT',
    `VODUpload option "${field}" must be ${expectation}; got ${JSON.stringify(value)}.`,
    { field },
  )
}

/** The value, or undefined when VODUpload would have used its default (`options.x || default`). */
function given<T>(value: T): T | undefined {
  return value ? value : undefined
}

function wholeNumber(options: VODUploadOptions, field: 'partSize' | 'parallel' | 'timeout') {
  const value = given(options[field])
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) {
    throw invalid(field, 'a whole number of at least 1', value)
  }
  return value
}

/** Checks VODUpload's options; throws `INVALID_ARGUMENT` naming the bad option. */
export function resolveOptions(options: VODUploadOptions): ResolvedVODUploadOptions {
  if (typeof options !== 'object' || options === null) {
    throw new UploadError('INVALID_ARGUMENT', 'new VODUpload(options) needs an options object.', {
      field: 'options',
    })
  }
  const partSize = wholeNumber(options, 'partSize')
  const parallel = wholeNumber(options, 'parallel')
  const timeout = wholeNumber(options, 'timeout')
  const { retryCount } = options
  if (retryCount !== undefined && retryCount !== null) {
    if (!(Number.isSafeInteger(retryCount) && retryCount >= 0)) {
      throw invalid('retryCount', 'a whole number of at least 0', retryCount)
    }
  }
  const retryDuration = given(options.retryDuration) ?? 2
  if (typeof retryDuration !== 'number' || !Number.isFinite(retryDuration) || retryDuration < 0) {
    throw invalid('retryDuration', 'a number of seconds of at least 0', retryDuration)
  }
  const region = given(options.region) ?? DEFAULT_REGION
  if (typeof region !== 'string' || !/^[a-z]{2,}(-[a-z0-9]+)+$/.test(region)) {
    throw invalid('region', 'a VOD region id such as "cn-shanghai"', region)
  }
  if (region.startsWith('oss-')) {
    throw invalid(
      'region',
      `a VOD region id such as "${region.slice(4)}", not an OSS region`,
      region,
    )
  }
  if (options.vodEndpoint !== undefined) {
    try {
      vodEndpoint(region, options.vodEndpoint)
    } catch {
      throw invalid(
        'vodEndpoint',
        'an http(s) URL without a path, e.g. "http://127.0.0.1:9000"',
        options.vodEndpoint,
      )
    }
    assertSecureEndpoint(vodEndpoint(region, options.vodEndpoint), {
      field: 'vodEndpoint',
      code: 'INVALID_ARGUMENT',
      allowPlainHttp: options.allowPlainHttp === true,
    })
  }
  for (const flag of [
    'cname',
    'localCheckpoint',
    'enableUploadProgress',
    'allowPlainHttp',
  ] as const) {
    const value = options[flag]
    if (value !== undefined && value !== null && typeof value !== 'boolean') {
      throw invalid(flag, 'true or false', value)
    }
  }
  return {
    uploader: {
      ...(partSize !== undefined ? { partSize } : {}),
      ...(parallel !== undefined ? { concurrency: parallel } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
      fileConcurrency: 1,
    },
    retry: { retries: retryCount ?? 3, minTimeout: Math.round(retryDuration * 1000) },
    region,
    ...(options.vodEndpoint !== undefined ? { vodEndpoint: options.vodEndpoint } : {}),
    cname: options.cname === true,
    allowPlainHttp: options.allowPlainHttp === true,
  }
}
