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

/** Options already warned about: one warning per option per page (or process), however many instances. */
const warned = new Set<string>()

/** Tells the developer, once per option, that a value VODUpload accepted was adjusted. */
function adjust<T>(field: string, value: unknown, used: T, what: string): T {
  if (!warned.has(field)) {
    warned.add(field)
    console.warn(`[vodup] VODUpload option "${field}" is ${JSON.stringify(value)}: ${what}.`)
  }
  return used
}

/**
 * A numeric option as VODUpload took it (`options.x || default`, a number or a numeric string, never refused):
 * undefined for the default, else the nearest value in `[min, max]`, rounded unless `fraction`. A value that is
 * not a number, or at most 0 unless `zero` counts (VODUpload treated 0 as "the default"), means the default; each
 * adjustment warns once.
 */
function numeric(
  field: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  zero = false,
  fraction = false,
): number | undefined {
  if (value == null || value === '' || (!zero && !value)) return
  const number = typeof value === 'string' ? Number(value) : value
  if (typeof number !== 'number' || Number.isNaN(number) || (!zero && number <= 0)) {
    return adjust(field, value, undefined, 'the default is used')
  }
  const near = Math.min(Math.max(fraction ? number : Math.round(number), min), max)
  return near === value ? near : adjust(field, value, near, `${near} is used`)
}

/**
 * Checks VODUpload's options. What VODUpload accepted is accepted: a numeric string, a fraction or a number out of
 * range becomes the nearest usable value (`parallel` at most `maxParallel`), a flag that is not a boolean counts
 * by its truthiness, each with one console warning naming the option. Throws `INVALID_ARGUMENT` naming the option
 * only for what cannot work: no options object, a `region` that is not a VOD region id, a bad `vodEndpoint`, a
 * non-boolean `allowPlainHttp`.
 */
export function resolveOptions(
  options: VODUploadOptions,
  maxParallel = Number.MAX_SAFE_INTEGER,
): ResolvedVODUploadOptions {
  if (typeof options !== 'object' || options === null) {
    throw new UploadError('INVALID_ARGUMENT', 'new VODUpload(options) needs an options object.', {
      field: 'options',
    })
  }
  const partSize = numeric('partSize', options.partSize, 1)
  const parallel = numeric('parallel', options.parallel, 1, maxParallel)
  const timeout = numeric('timeout', options.timeout, 1)
  const retryCount = numeric('retryCount', options.retryCount, 0, undefined, true)
  // Seconds; at most what keeps the delay in ms a safe integer.
  const retryDuration = numeric('retryDuration', options.retryDuration, 0, 9e12, false, true) ?? 2
  const region = options.region || DEFAULT_REGION
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
  const { allowPlainHttp } = options
  if (
    allowPlainHttp !== undefined &&
    allowPlainHttp !== null &&
    typeof allowPlainHttp !== 'boolean'
  ) {
    throw invalid('allowPlainHttp', 'true or false', allowPlainHttp)
  }
  for (const flag of ['cname', 'localCheckpoint', 'enableUploadProgress'] as const) {
    const value = options[flag]
    if (value !== undefined && value !== null && typeof value !== 'boolean') {
      adjust(flag, value, 0, `taken as ${Boolean(value)}`)
    }
  }
  return {
    uploader: { partSize, concurrency: parallel, timeoutMs: timeout, fileConcurrency: 1 },
    retry: { retries: retryCount ?? 3, minTimeout: Math.round(retryDuration * 1000) },
    region,
    ...(options.vodEndpoint !== undefined ? { vodEndpoint: options.vodEndpoint } : {}),
    cname: Boolean(options.cname),
    allowPlainHttp: options.allowPlainHttp === true,
  }
}
