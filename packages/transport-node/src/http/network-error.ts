import { UploadError } from '@vodup/core'

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
])

const DESCRIPTIONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CLOSED: 'the connection pool was closed',
  UND_ERR_DESTROYED: 'the connection pool was destroyed',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'the body length differs from Content-Length',
  UND_ERR_INVALID_ARG: 'the request is malformed',
}

const NOT_RETRYABLE = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_INVALID_URL',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
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
 * Turns what undici or a socket threw into an {@link UploadError}: `TIMEOUT` for connect, header and body
 * timeouts, `NETWORK` for everything else (retryable unless the request itself was malformed).
 */
export function toNetworkError(error: unknown, method: string, url: string): UploadError {
  const code = errorCode(error)
  const where = `${method} ${describeUrl(url)}`
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
