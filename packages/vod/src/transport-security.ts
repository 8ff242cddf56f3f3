import { UploadError, type UploadErrorCode } from '@vodup/core'

const SCHEME_AND_HOST = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/?#:]*)/
const IPV4_LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** True for a loopback host: `localhost`, `127.0.0.0/8`, `[::1]`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '')
  if (name === 'localhost' || name === '[::1]') return true
  const v4 = IPV4_LOOPBACK.exec(name)
  return v4?.slice(1).every((octet) => Number(octet) <= 255) === true
}

/** True when `url` is plain `http://` to a host that is not loopback (credentials would travel in clear). */
export function isPlainHttpToRemote(url: string): boolean {
  const match = SCHEME_AND_HOST.exec(url.trim())
  if (match?.[1].toLowerCase() !== 'http') return false
  return !isLoopbackHost(match[2])
}

/**
 * Refuses a plain-HTTP endpoint to a host that is not loopback, unless `allowPlainHttp`: signed requests and the
 * security token would cross the network in clear (DESIGN invariant 6). Throws `code` naming `field`; the message
 * names the host only (an endpoint holds no secret, but a query could).
 */
export function assertSecureEndpoint(
  url: string,
  options: { field: string; code: UploadErrorCode; allowPlainHttp?: boolean },
): void {
  if (options.allowPlainHttp === true || !isPlainHttpToRemote(url)) return
  const host = SCHEME_AND_HOST.exec(url.trim())?.[2] ?? ''
  throw new UploadError(
    options.code,
    `${options.field} is plain http:// to ${host}, which is not a loopback address: credentials would travel in clear. Use https://, or pass allowPlainHttp: true for a network you trust.`,
    { field: options.field, retryable: false },
  )
}
