import { getHeader, type HttpResponse, UploadError, type UploadErrorCode } from '@vodup/core'
import { percentEncode } from './percent-encode'

/** A successful RPC answer: the parsed JSON object. */
export type RpcResult = Record<string, unknown>

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

/** Removes secrets (raw and percent-encoded, once or twice) and echoed strings-to-sign from server text. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text.replace(/string to sign is:?[\s\S]*$/i, 'string to sign is: [redacted]')
  for (const secret of secrets) {
    if (!secret) continue
    let encoded: string[] = []
    try {
      const once = percentEncode(secret)
      encoded = [once, percentEncode(once)]
    } catch {
      // A secret that cannot be encoded was never sent encoded.
    }
    for (const form of [secret, ...encoded]) out = out.split(form).join('[redacted]')
  }
  return out
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

/**
 * Reads an RPC response: the JSON object of a 2xx answer, else an `UploadError` mapped from the JSON error
 * `{RequestId, Code, Message}` (`serverCode` = Code): `InvalidSecurityToken.Expired` → `TOKEN_EXPIRED`,
 * `Forbidden.*` / `InvalidAccessKeyId.*` → `ACCESS_DENIED`, `SignatureDoesNotMatch` → `SIGNATURE_MISMATCH`,
 * `InvalidTimeStamp.Expired` → `CLOCK_SKEWED`, `Throttling*` → `THROTTLED`, 5xx → `SERVER_ERROR`, others →
 * `SERVICE_ERROR`. `secrets` are removed from the server's message.
 */
export function readRpcResponse(
  response: HttpResponse,
  action: string,
  secrets: readonly (string | undefined)[],
): RpcResult {
  const json = parseJson(response.body)
  const record =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined
  const headerRequestId = getHeader(response.headers, 'x-acs-request-id')
  if (response.status >= 200 && response.status < 300) {
    if (record) return record
    throw new UploadError('BAD_RESPONSE', `${action} answered with something other than JSON.`, {
      status: response.status,
      requestId: headerRequestId,
      operation: action,
    })
  }
  const serverCode = typeof record?.Code === 'string' ? record.Code : `HTTP${response.status}`
  const requestId = typeof record?.RequestId === 'string' ? record.RequestId : headerRequestId
  const serverMessage = typeof record?.Message === 'string' ? redact(record.Message, secrets) : ''
  throw new UploadError(
    codeFor(serverCode, response.status),
    `${action} failed: ${serverCode}${serverMessage ? `: ${serverMessage}` : ''}`,
    { status: response.status, requestId, serverCode, operation: action },
  )
}
