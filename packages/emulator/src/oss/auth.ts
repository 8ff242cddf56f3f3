import type { IncomingHttpHeaders } from 'node:http'
import type { Credential } from '../credentials.js'
import { checkRequestTime, checkSecurityToken, type OssAuthDeps, sameText } from './auth-checks.js'
import { authenticatePresignedUrl } from './auth-presigned.js'
import { authenticateV4 } from './auth-v4.js'
import { ossError } from './errors.js'
import { v1Signature, v1StringToSign } from './signature-v1.js'

/** The signed parts of a request. */
export interface OssSignedRequest {
  method: string
  headers: IncomingHttpHeaders
  bucket?: string
  key?: string
  query: [string, string][]
}

/** Header values as the client wrote them: Node reads header bytes as latin1, clients sign UTF-8. */
function headerText(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined
  const text = Array.isArray(value) ? value.join(',') : value
  return /[\u0080-\uffff]/.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text
}

/** Header names lower-cased, values as the client wrote them. */
export function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const text = headerText(value)
    if (text !== undefined) out[name.toLowerCase()] = text
  }
  return out
}

/** Authenticates an OSS request: V1 or V4 Authorization header, or a V1 presigned URL. Throws an OssError. */
export function authenticateOss(request: OssSignedRequest, deps: OssAuthDeps): Credential {
  const headers = lowerCaseHeaders(request.headers)
  const authorization = headers.authorization ?? ''
  if (authorization.startsWith('OSS4-HMAC-SHA256'))
    return authenticateV4(authorization, request, headers, deps)
  if (!authorization) return authenticatePresignedUrl(request, headers, deps)
  const v1 = /^OSS ([^:]+):(.+)$/.exec(authorization)
  if (!v1) throw ossError.accessDenied()
  const [, accessKeyId, provided] = v1 as unknown as [string, string, string]
  const credential = deps.credentials.find(accessKeyId)
  if (!credential) throw ossError.invalidAccessKeyId(accessKeyId)
  checkSecurityToken(credential, headers['x-oss-security-token'], deps)
  checkRequestTime(headers['x-oss-date'] ?? headers.date, deps)

  const dateSlots = [headers.date, headers['x-oss-date']].filter(
    (d): d is string => d !== undefined,
  )
  let stringToSign = ''
  for (const date of dateSlots) {
    stringToSign = v1StringToSign({
      method: request.method,
      ...(headers['content-md5'] !== undefined ? { contentMd5: headers['content-md5'] } : {}),
      ...(headers['content-type'] !== undefined ? { contentType: headers['content-type'] } : {}),
      date,
      headers,
      ...(request.bucket ? { bucket: request.bucket } : {}),
      ...(request.key ? { key: request.key } : {}),
      query: request.query,
    })
    if (sameText(v1Signature(credential.accessKeySecret, stringToSign), provided)) return credential
  }
  throw ossError.signatureDoesNotMatch(accessKeyId, provided, stringToSign)
}
