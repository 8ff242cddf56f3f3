import { UploadError } from '@vodup/core'
import { describeProxy } from './proxy'

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT'])

const DESCRIPTIONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  ERR_INVALID_CHAR: 'a header holds a character HTTP does not allow',
  ERR_INVALID_HTTP_TOKEN: 'a header name is not a valid HTTP token',
  ERR_HTTP_INVALID_HEADER_VALUE: 'a header value is not valid',
}

/** Failures that sending again cannot fix: a malformed request, a certificate that does not verify. */
const NOT_RETRYABLE = new Set([
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_URL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
])

/** The `code` of an error or of the first error in its `cause` chain that has one. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Turns what Node's HTTP client or a socket threw into an {@link UploadError}: `TIMEOUT` for a socket timeout,
 * `NETWORK` for everything else (retryable unless the request was malformed or a certificate did not verify).
 * The proxy, when there is one, is named (without its credentials).
 */
export function toNetworkError(
  error: unknown,
  method: string,
  url: string,
  proxy?: URL,
): UploadError {
  const code = errorCode(error)
  const where = `${method} ${describeUrl(url)}${proxy ? ` (through the proxy ${describeProxy(proxy)})` : ''}`
  if (code && TIMEOUT_CODES.has(code)) {
    return new UploadError('TIMEOUT', `${where} timed out (${code}).`, { cause: error })
  }
  const reason =
    (code && DESCRIPTIONS[code]) ?? (error instanceof Error ? error.message : String(error))
  return new UploadError('NETWORK', `${where} failed: ${reason}${code ? ` (${code})` : ''}.`, {
    cause: error,
    ...(code && NOT_RETRYABLE.has(code) ? { retryable: false } : {}),
  })
}

/** The URL without its query string: queries carry signatures and tokens. */
export function describeUrl(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
