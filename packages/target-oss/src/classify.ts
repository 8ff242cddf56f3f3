import { getHeader, type HttpResponse, UploadError, type UploadErrorCode } from '@vodup/core'
import { type OssErrorBody, parseOssErrorXml } from './xml'

/** What a failed OSS request was, for its error. */
export interface OssFailureContext {
  /** The protocol operation, e.g. `UploadPart`. */
  operation: string
  partNumber?: number
  /** True when a security token signed the request (then `InvalidAccessKeyId` means it expired). */
  withToken: boolean
  /**
   * Values of the request's secret-bearing fields (the secret, the token, the signature it carried) that must
   * never appear in a message; masked where the server echoes them.
   */
  secrets?: readonly string[]
}

const TOKEN_EXPIRED_CODES = new Set(['SecurityTokenExpired', 'InvalidSecurityToken.Expired'])
const ACCESS_DENIED_CODES = new Set(['AccessDenied', 'InvalidSecurityToken', 'InvalidAccessKeyId'])
const INVALID_PART_CODES = new Set(['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall'])

/** The vodup error code for an OSS error code and HTTP status. */
export function ossErrorCode(
  serverCode: string | undefined,
  status: number,
  withToken: boolean,
): UploadErrorCode {
  if (serverCode !== undefined) {
    if (TOKEN_EXPIRED_CODES.has(serverCode)) return 'TOKEN_EXPIRED'
    if (serverCode === 'InvalidAccessKeyId' && withToken) return 'TOKEN_EXPIRED'
    if (ACCESS_DENIED_CODES.has(serverCode)) return 'ACCESS_DENIED'
    if (serverCode === 'SignatureDoesNotMatch') return 'SIGNATURE_MISMATCH'
    if (serverCode === 'NoSuchUpload') return 'NO_SUCH_UPLOAD'
    if (INVALID_PART_CODES.has(serverCode)) return 'INVALID_PART'
    if (serverCode === 'RequestTimeTooSkewed') return 'CLOCK_SKEWED'
    if (serverCode === 'SlowDown' || status === 429) return 'THROTTLED'
    if (status === 408 || serverCode === 'RequestTimeout') return 'TIMEOUT'
    if (status >= 500) return 'SERVER_ERROR'
    return 'SERVICE_ERROR'
  }
  if (status === 429) return 'THROTTLED'
  if (status === 408) return 'TIMEOUT'
  if (status >= 500) return 'SERVER_ERROR'
  if (status === 401 || status === 403) return 'ACCESS_DENIED'
  return 'BAD_RESPONSE'
}

/** Longest text of the server's kept in a message. */
const MAX_SERVER_TEXT = 300
/** What an OSS error code or request id looks like; anything else is not taken from the server. */
const TOKEN_SHAPE = /^[A-Za-z0-9._-]{1,64}$/

/**
 * The server's text as a message may quote it: the values of the request's secret-bearing fields (the secret, the
 * token, the signature the request carried) masked wherever the server echoed them, control characters dropped,
 * and cut short.
 */
function serverText(text: string, secrets: readonly string[] | undefined): string {
  let out = text
  for (const secret of secrets ?? []) {
    if (secret && secret.length >= 8) out = out.split(secret).join('***')
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  out = out.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim()
  return out.length > MAX_SERVER_TEXT ? `${out.slice(0, MAX_SERVER_TEXT - 1)}…` : out
}

/** The parsed error body of a failed response, if it has one (a cut body is not parsed). */
export function ossErrorBodyOf(response: HttpResponse): OssErrorBody | undefined {
  if (!response.body || response.truncated) return undefined
  const body = parseOssErrorXml(response.body)
  return body && TOKEN_SHAPE.test(body.code) ? body : undefined
}

/** A 2xx answer whose body is an OSS error (`<Error><Code>…`) rather than the operation's result. */
export function isErrorBody(response: HttpResponse): boolean {
  return (
    /^\s*(?:<\?xml[^>]*\?>\s*)?<Error>/.test(response.body) &&
    ossErrorBodyOf(response) !== undefined
  )
}

/**
 * Turns a failed OSS response into an `UploadError`: the vodup code from the OSS code and status, the server's
 * code, message and request id, and nothing the server echoed of the request's signature, secret or token. A 2xx
 * answer whose body is an OSS `<Error>` (which S3-like servers send when an operation fails after its status went
 * out) is a failure too, classified as a server error when its code says nothing more.
 */
export function ossResponseError(response: HttpResponse, context: OssFailureContext): UploadError {
  const body = ossErrorBodyOf(response)
  const status = response.status
  const answeredSuccess = status >= 200 && status < 300
  const headerId = getHeader(response.headers, 'x-oss-request-id')
  const requestId = [body?.requestId, headerId].find((id) => id && TOKEN_SHAPE.test(id))
  const code = ossErrorCode(body?.code, answeredSuccess ? 500 : status, context.withToken)
  const where = context.partNumber !== undefined ? ` (part ${context.partNumber})` : ''
  const reason = body
    ? `${serverText(body.message, context.secrets) || 'no message'} [${body.code}]`
    : response.truncated
      ? `HTTP ${status} with an answer too long to read`
      : `HTTP ${status} without an OSS error body`
  const tail = requestId ? ` (HTTP ${status}, request id ${requestId})` : ` (HTTP ${status})`
  return new UploadError(code, `OSS ${context.operation}${where} failed: ${reason}${tail}.`, {
    status,
    ...(requestId ? { requestId } : {}),
    ...(body ? { serverCode: body.code } : {}),
    operation: context.operation,
    ...(context.partNumber !== undefined ? { partNumber: context.partNumber } : {}),
  })
}
