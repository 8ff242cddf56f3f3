import { getHeader, type HttpResponse, UploadError, type UploadErrorCode } from '@vodup/core'
import { type OssErrorBody, parseOssErrorXml } from './xml'

/** What a failed OSS request was, for its error. */
export interface OssFailureContext {
  /** The protocol operation, e.g. `UploadPart`. */
  operation: string
  partNumber?: number
  /** True when a security token signed the request (then `InvalidAccessKeyId` means it expired). */
  withToken: boolean
  /** Texts that must never appear in a message (the secret, the token); they are masked if the server echoes them. */
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

function mask(text: string, secrets: readonly string[] | undefined): string {
  let out = text
  for (const secret of secrets ?? []) {
    if (secret) out = out.split(secret).join('***')
  }
  return out
}

/** The parsed error body of a failed response, if it has one. */
export function ossErrorBodyOf(response: HttpResponse): OssErrorBody | undefined {
  return response.body ? parseOssErrorXml(response.body) : undefined
}

/**
 * Turns a failed OSS response (any non-2xx status) into an `UploadError`: the vodup code from the OSS code and
 * status, the server's code, message and request id, and nothing the server echoed of the signature.
 */
export function ossResponseError(response: HttpResponse, context: OssFailureContext): UploadError {
  const body = ossErrorBodyOf(response)
  const status = response.status
  const requestId = body?.requestId ?? getHeader(response.headers, 'x-oss-request-id')
  const code = ossErrorCode(body?.code, status, context.withToken)
  const where = context.partNumber !== undefined ? ` (part ${context.partNumber})` : ''
  const reason = body
    ? `${mask(body.message, context.secrets) || 'no message'} [${body.code}]`
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
