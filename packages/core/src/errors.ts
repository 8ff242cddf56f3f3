/**
 * Every error vodup raises is an {@link UploadError} whose `code` is one of these stable values.
 *
 * | code | meaning | retryable by default |
 * |---|---|---|
 * | `INVALID_ARGUMENT` | bad input at an API boundary (options, file descriptor, userData, index) | no |
 * | `INVALID_STATE` | the call is not allowed in the file's or uploader's current state | no |
 * | `PLUGIN_CONFLICT` | two plugins with one name, or two providers of one role | no |
 * | `PLUGIN_MISSING` | a required plugin, transport or target is absent | no |
 * | `FILE_NOT_FOUND` | the file does not exist (or a temp file vanished) | no |
 * | `FILE_NOT_READABLE` | permission denied, a directory, or a read error | no |
 * | `FILE_CHANGED` | the file's size or modification time changed during the upload | no |
 * | `FILE_TOO_LARGE` | larger than the target accepts | no |
 * | `EMPTY_FILE` | a zero-byte file where the destination refuses one (VOD media) | no |
 * | `AUTH_INVALID` | malformed credentials: bad base64, bad JSON, a missing or wrong-typed field | no |
 * | `AUTH_MISSING` | no plugin supplied credentials for a file | no |
 * | `TOKEN_EXPIRED` | the temporary credentials expired; goes to credential refresh, not to retry | no |
 * | `ACCESS_DENIED` | the server refused the credentials for this resource | no |
 * | `SIGNATURE_MISMATCH` | the server computed another signature (wrong secret); never treated as expiry | no |
 * | `CLOCK_SKEWED` | the request time differs too much from the server's clock | yes |
 * | `NETWORK` | connection failed, reset or interrupted | yes |
 * | `TIMEOUT` | no response in time | yes |
 * | `ABORTED` | canceled by the app (stop, cancel) | no |
 * | `DOMAIN_NOT_ALLOWED` | the platform refused the host (WeChat domain allow-list) | no |
 * | `THROTTLED` | HTTP 429 / 503 slow-down | yes |
 * | `SERVER_ERROR` | HTTP 5xx | yes |
 * | `NO_SUCH_UPLOAD` | the multipart upload id is unknown to the server (aborted or expired) | no |
 * | `INVALID_PART` | the server refused the part list (InvalidPart, InvalidPartOrder, EntityTooSmall) | no |
 * | `INTEGRITY_MISMATCH` | an ETag or CRC64 differs from the bytes sent | yes |
 * | `SERVICE_ERROR` | any other error answered by the service; `serverCode` holds its code | no |
 * | `BAD_RESPONSE` | a response that cannot be understood | yes |
 * | `STORAGE_ERROR` | the checkpoint store failed | no |
 * | `INTERNAL` | a bug: something threw that is not an `UploadError` (a plugin's tap, vodup itself); the message names the tap | no |
 */
export const UPLOAD_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'INVALID_STATE',
  'PLUGIN_CONFLICT',
  'PLUGIN_MISSING',
  'FILE_NOT_FOUND',
  'FILE_NOT_READABLE',
  'FILE_CHANGED',
  'FILE_TOO_LARGE',
  'EMPTY_FILE',
  'AUTH_INVALID',
  'AUTH_MISSING',
  'TOKEN_EXPIRED',
  'ACCESS_DENIED',
  'SIGNATURE_MISMATCH',
  'CLOCK_SKEWED',
  'NETWORK',
  'TIMEOUT',
  'ABORTED',
  'DOMAIN_NOT_ALLOWED',
  'THROTTLED',
  'SERVER_ERROR',
  'NO_SUCH_UPLOAD',
  'INVALID_PART',
  'INTEGRITY_MISMATCH',
  'SERVICE_ERROR',
  'BAD_RESPONSE',
  'STORAGE_ERROR',
  'INTERNAL',
] as const

/** The closed set of error codes; see {@link UPLOAD_ERROR_CODES}. */
export type UploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number]

const RETRYABLE_BY_DEFAULT: ReadonlySet<UploadErrorCode> = new Set<UploadErrorCode>([
  'CLOCK_SKEWED',
  'NETWORK',
  'TIMEOUT',
  'THROTTLED',
  'SERVER_ERROR',
  'INTEGRITY_MISMATCH',
  'BAD_RESPONSE',
])

/** What an {@link UploadError} carries besides its code and message. */
export interface UploadErrorDetails {
  /** HTTP status of the response that caused it, when there was one. */
  status?: number
  /** The service's request id (`x-oss-request-id`, RPC `RequestId`), for support tickets. */
  requestId?: string
  /** The service's own error code, e.g. `SecurityTokenExpired`, `InvalidVideo.NotFound`. */
  serverCode?: string
  /** Overrides the default retryability of the code. */
  retryable?: boolean
  /** The protocol operation, e.g. `UploadPart`, `CreateUploadVideo`. */
  operation?: string
  /** The part number, for part operations. */
  partNumber?: number
  /** The argument or field at fault, for `INVALID_ARGUMENT` and `AUTH_INVALID`. */
  field?: string
  /** The underlying error. Never holds a secret. */
  cause?: unknown
}

/** Longest `UploadError.message`, in characters: a longer one is cut (a server's text can be any length). */
export const MAX_ERROR_MESSAGE_LENGTH = 1000
/** Longest `serverCode` and `requestId` kept, in characters. */
const MAX_DETAIL_LENGTH = 128

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/**
 * The one error class of vodup. `code` is stable and machine-readable; `message` is for people, at most
 * {@link MAX_ERROR_MESSAGE_LENGTH} characters, and never holds an AccessKeySecret, a SecurityToken or a signature.
 */
export class UploadError extends Error {
  override readonly name = 'UploadError'
  readonly code: UploadErrorCode
  readonly status?: number
  readonly requestId?: string
  readonly serverCode?: string
  readonly retryable: boolean
  readonly operation?: string
  readonly partNumber?: number
  readonly field?: string
  override readonly cause?: unknown

  constructor(code: UploadErrorCode, message: string, details: UploadErrorDetails = {}) {
    super(clip(String(message), MAX_ERROR_MESSAGE_LENGTH))
    this.code = code
    this.status = details.status
    this.requestId =
      details.requestId === undefined ? undefined : clip(details.requestId, MAX_DETAIL_LENGTH)
    this.serverCode =
      details.serverCode === undefined ? undefined : clip(details.serverCode, MAX_DETAIL_LENGTH)
    this.retryable = details.retryable ?? RETRYABLE_BY_DEFAULT.has(code)
    this.operation = details.operation
    this.partNumber = details.partNumber
    this.field = details.field
    this.cause = details.cause
  }

  /** A plain object for logs and JSON output: code, message and the details, without `cause`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    for (const key of [
      'status',
      'requestId',
      'serverCode',
      'operation',
      'partNumber',
      'field',
    ] as const) {
      if (this[key] !== undefined) out[key] = this[key]
    }
    out.retryable = this.retryable
    return out
  }
}

/** True for an {@link UploadError} (also across realms, e.g. from a `vm` context). */
export function isUploadError(value: unknown): value is UploadError {
  return (
    value instanceof UploadError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'UploadError' &&
      typeof (value as { code?: unknown }).code === 'string')
  )
}

/**
 * Wraps anything thrown into an {@link UploadError}; an `UploadError` passes through unchanged. Anything else is
 * `INTERNAL` (a bug) unless the caller knows better: pass the code of the failure it expects from that call
 * (`FILE_NOT_READABLE` around a file read, `STORAGE_ERROR` around a store).
 */
export function toUploadError(value: unknown, fallback: UploadErrorCode = 'INTERNAL'): UploadError {
  if (isUploadError(value)) return value
  const message = value instanceof Error ? value.message : String(value)
  return new UploadError(fallback, message, { cause: value })
}
