import { UploadError } from '@vodup/core'
import { describeUrl, redact } from './redact'
import type { WxNetworkFailure } from './wx-api'

/** WeChat's errno values for network failures (PublicErrno table). */
export const NET_ERRNO = {
  timeout: 5,
  unknown: 600000,
  networkChanged: 600001,
  domainNotAllowed: 600002,
  interrupted: 600003,
  tooManyTasks: 600007,
  invalidUrl: 600009,
  bufferTooLarge: 602300,
} as const

/** The kind of a network failure: errno first (base library 2.24.0+), the errMsg text second. */
export type NetworkFailureKind =
  | 'timeout'
  | 'abort'
  | 'interrupted'
  | 'network-change'
  | 'domain'
  | 'invalid-url'
  | 'buffer-too-large'
  | 'other'

export function classifyNetworkFailure(failure: WxNetworkFailure): NetworkFailureKind {
  switch (failure.errno) {
    case NET_ERRNO.timeout:
      return 'timeout'
    case NET_ERRNO.networkChanged:
      return 'network-change'
    case NET_ERRNO.domainNotAllowed:
      return 'domain'
    case NET_ERRNO.interrupted:
      return 'interrupted'
    case NET_ERRNO.invalidUrl:
      return 'invalid-url'
    case NET_ERRNO.bufferTooLarge:
      return 'buffer-too-large'
  }
  const text = String(failure.errMsg ?? '').toLowerCase()
  if (/abort/.test(text)) return 'abort'
  if (/time ?out|超时|逾时/.test(text)) return 'timeout'
  if (/interrupted/.test(text)) return 'interrupted'
  if (/network change/.test(text)) return 'network-change'
  if (/domain list|not in domain|合法域名/.test(text)) return 'domain'
  if (/invalid url/.test(text)) return 'invalid-url'
  return 'other'
}

/** The origin of a URL (`https://host:port`), for the domain allow-list hint. */
function originOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)/i.exec(url)
  return match ? match[1] : url
}

/**
 * Turns a `wx.request` / `wx.uploadFile` failure into an {@link UploadError}. The message names the call and the
 * URL without its query string, and keeps WeChat's errMsg (with any credentials in it masked).
 */
export function networkError(
  api: 'wx.request' | 'wx.uploadFile',
  method: string,
  url: string,
  failure: WxNetworkFailure,
): UploadError {
  const errMsg = redact(String(failure.errMsg ?? 'fail'))
  const where = `${api} ${method} ${describeUrl(url)}`
  const errno = failure.errno ? ` (errno ${failure.errno})` : ''
  const cause = { errMsg, errno: failure.errno }
  switch (classifyNetworkFailure(failure)) {
    case 'timeout':
      return new UploadError('TIMEOUT', `${where} timed out: ${errMsg}${errno}.`, { cause })
    case 'abort':
      return new UploadError('ABORTED', `${where} was aborted: ${errMsg}.`, { cause })
    case 'interrupted':
      return new UploadError(
        'NETWORK',
        `${where} was interrupted because the app went to the background: ${errMsg}${errno}.`,
        { cause },
      )
    case 'network-change':
      return new UploadError(
        'NETWORK',
        `${where} failed because the network changed: ${errMsg}${errno}.`,
        {
          cause,
        },
      )
    case 'domain':
      return new UploadError(
        'DOMAIN_NOT_ALLOWED',
        `${where} was refused: ${errMsg}${errno}. Add ${originOf(url)} to the mini program's "request" and "uploadFile" domain lists (mp.weixin.qq.com → Development → Server domains).`,
        { cause, retryable: false },
      )
    case 'invalid-url':
      return new UploadError(
        'INVALID_ARGUMENT',
        `${where} has an invalid URL: ${errMsg}${errno}.`,
        {
          cause,
          field: 'url',
        },
      )
    case 'buffer-too-large':
      return new UploadError(
        'INVALID_ARGUMENT',
        `${where} failed: ${errMsg}${errno}. The body is larger than WeChat accepts; use a smaller partSize.`,
        { cause, field: 'partSize' },
      )
    default:
      return new UploadError('NETWORK', `${where} failed: ${errMsg}${errno}.`, { cause })
  }
}
