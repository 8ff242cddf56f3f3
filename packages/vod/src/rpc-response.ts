import { getHeader, type HttpResponse, UploadError, type UploadErrorCode } from '@vodup/core'
import { maskSecretParameters } from './mask-parameters'

/** A successful RPC answer: the parsed JSON object. */
export type RpcResult = Record<string, unknown>

/** How much of a server's message an error quotes: enough to read, never a whole hostile body. */
export const MAX_SERVER_MESSAGE = 300

function codeFor(serverCode: string, status: number): UploadErrorCode {
  if (serverCode === 'InvalidSecurityToken.Expired') return 'TOKEN_EXPIRED'
  if (serverCode.startsWith('Forbidden') || serverCode.startsWith('InvalidAccessKeyId')) {
    return 'ACCESS_DENIED'
  }
  if (serverCode === 'SignatureDoesNotMatch' || serverCode === 'IncompleteSignature') {
    return 'SIGNATURE_MISMATCH'
  }
  if (serverCode === 'InvalidTimeStamp.Expired') return 'CLOCK_SKEWED'
  if (serverCode.startsWith('Throttling')) return 'THROTTLED'
  if (status >= 500) return 'SERVER_ERROR'
  return 'SERVICE_ERROR'
}

/**
 * A server's error message as an error may quote it: the echoed string to sign cut (VOD's `SignatureDoesNotMatch`
 * appends it after "string to sign is"), the values of secret parameters masked wherever the text quotes them
 * (`Signature`, `SecurityToken`, `AccessKeySecret`, raw or percent-encoded, in a query, JSON or XML), control
 * characters dropped, and at most {@link MAX_SERVER_MESSAGE} characters kept. Masking goes by structure, never by
 * searching for a secret's value, so no ordinary word is ever mangled.
 */
export function serverMessage(text: string): string {
  const cut = text.replace(/string to sign is:?[\s\S]*$/i, 'string to sign is: [redacted]')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = maskSecretParameters(cut).replace(/[\u0000-\u001f\u007f]+/g, ' ')
  return clean.length > MAX_SERVER_MESSAGE ? `${clean.slice(0, MAX_SERVER_MESSAGE)}…` : clean
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

/** A server-given identifier (Code, RequestId) fit to quote: short, printable, else undefined. */
function identifier(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:/-]{1,128}$/.test(value) ? value : undefined
}

/**
 * Reads an RPC response: the JSON object of a 2xx answer, else an `UploadError` mapped from the JSON error
 * `{RequestId, Code, Message}` (`serverCode` = Code): `InvalidSecurityToken.Expired` → `TOKEN_EXPIRED`,
 * `Forbidden.*` / `InvalidAccessKeyId.*` → `ACCESS_DENIED`, `SignatureDoesNotMatch` → `SIGNATURE_MISMATCH`,
 * `InvalidTimeStamp.Expired` → `CLOCK_SKEWED`, `Throttling*` → `THROTTLED`, 5xx → `SERVER_ERROR`, others →
 * `SERVICE_ERROR`. The server's message is quoted through {@link serverMessage}.
 */
export function readRpcResponse(response: HttpResponse, action: string): RpcResult {
  const json = parseJson(response.body)
  const record =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined
  const headerRequestId = identifier(getHeader(response.headers, 'x-acs-request-id'))
  if (response.status >= 200 && response.status < 300) {
    if (record) return record
    throw new UploadError('BAD_RESPONSE', `${action} answered with something other than JSON.`, {
      status: response.status,
      requestId: headerRequestId,
      operation: action,
    })
  }
  const serverCode = identifier(record?.Code) ?? `HTTP${response.status}`
  const requestId = identifier(record?.RequestId) ?? headerRequestId
  const message = typeof record?.Message === 'string' ? serverMessage(record.Message) : ''
  throw new UploadError(
    codeFor(serverCode, response.status),
    `${action} failed: ${serverCode}${message ? `: ${message}` : ''}`,
    { status: response.status, requestId, serverCode, operation: action },
  )
}
