import { type HttpResponse, UploadError, type UploadErrorCode } from '@vodup/core'
import { parseS3Error } from './s3-xml'

const CODES: Record<string, UploadErrorCode> = {
  ExpiredToken: 'TOKEN_EXPIRED',
  TokenRefreshRequired: 'TOKEN_EXPIRED',
  InvalidAccessKeyId: 'ACCESS_DENIED',
  InvalidToken: 'ACCESS_DENIED',
  AccessDenied: 'ACCESS_DENIED',
  SignatureDoesNotMatch: 'SIGNATURE_MISMATCH',
  RequestTimeTooSkewed: 'CLOCK_SKEWED',
  NoSuchUpload: 'NO_SUCH_UPLOAD',
  InvalidPart: 'INVALID_PART',
  InvalidPartOrder: 'INVALID_PART',
  EntityTooSmall: 'INVALID_PART',
  BadDigest: 'INTEGRITY_MISMATCH',
  SlowDown: 'THROTTLED',
}

function codeFor(status: number, serverCode: string | undefined): UploadErrorCode {
  if (serverCode && CODES[serverCode]) return CODES[serverCode]
  if (status === 429 || status === 503) return 'THROTTLED'
  if (status >= 500) return 'SERVER_ERROR'
  if (status === 403) return 'ACCESS_DENIED'
  return 'SERVICE_ERROR'
}

/** Turns an S3 error response (an HTTP error, or a 200 whose body is an `<Error>`) into an `UploadError`. */
export function s3Error(
  response: HttpResponse,
  operation: string,
  partNumber?: number,
): UploadError {
  const body = parseS3Error(response.body)
  const code = codeFor(response.status, body.code)
  const requestId = response.headers['x-amz-request-id'] ?? body.requestId
  const what = body.code ? `${body.code}: ${body.message ?? ''}`.trim() : `HTTP ${response.status}`
  return new UploadError(code, `S3 ${operation} failed (${what}).`, {
    status: response.status,
    requestId,
    serverCode: body.code,
    operation,
    partNumber,
  })
}
