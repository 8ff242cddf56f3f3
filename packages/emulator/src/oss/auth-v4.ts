import type { Credential } from '../credentials.js'
import type { OssSignedRequest } from './auth.js'
import { checkRequestTime, checkSecurityToken, type OssAuthDeps, sameText } from './auth-checks.js'
import { ossError } from './errors.js'
import {
  parseV4Authorization,
  v4CanonicalRequest,
  v4Signature,
  v4StringToSign,
} from './signature-v4.js'

/** Verifies an `OSS4-HMAC-SHA256` Authorization header. */
export function authenticateV4(
  authorization: string,
  request: OssSignedRequest,
  headers: Record<string, string>,
  deps: OssAuthDeps,
): Credential {
  const parsed = parseV4Authorization(authorization)
  if (!parsed) {
    throw ossError.invalidArgument(
      'Authorization header is invalid.',
      'Authorization',
      authorization.split(' ')[0]!,
    )
  }
  const credential = deps.credentials.find(parsed.accessKeyId)
  if (!credential) throw ossError.invalidAccessKeyId(parsed.accessKeyId)
  checkSecurityToken(credential, headers['x-oss-security-token'], deps)
  const isoDate = headers['x-oss-date']
  checkRequestTime(isoDate, deps)
  if (parsed.region !== deps.region) {
    throw ossError.invalidArgument(
      'Invalid signing region in Authorization header.',
      'Authorization',
      parsed.region,
    )
  }
  if (!isoDate?.startsWith(parsed.date)) {
    throw ossError.invalidArgument(
      'Invalid signing date in Authorization header.',
      'Authorization',
      parsed.date,
    )
  }
  for (const name of parsed.additionalHeaders) {
    if (headers[name] === undefined) {
      throw ossError.invalidArgument(
        `Additional header ${name} is missing.`,
        'AdditionalHeaders',
        name,
      )
    }
  }
  const canonical = v4CanonicalRequest({
    method: request.method,
    ...(request.bucket ? { bucket: request.bucket } : {}),
    ...(request.key ? { key: request.key } : {}),
    query: request.query,
    headers,
    additionalHeaders: parsed.additionalHeaders,
  })
  const stringToSign = v4StringToSign(isoDate, parsed.region, parsed.product, canonical)
  const expected = v4Signature(
    credential.accessKeySecret,
    parsed.date,
    parsed.region,
    parsed.product,
    stringToSign,
  )
  if (!sameText(expected, parsed.signature)) {
    throw ossError.signatureDoesNotMatch(parsed.accessKeyId, parsed.signature, stringToSign)
  }
  return credential
}
