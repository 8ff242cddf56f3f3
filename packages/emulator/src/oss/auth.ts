import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { Clock } from '../clock.js'
import type { Credential, CredentialStore } from '../credentials.js'
import { MAX_CLOCK_SKEW_MS } from '../defaults.js'
import { OssError, ossError } from './errors.js'
import { parseRequestTime } from './request-time.js'
import { v1Signature, v1StringToSign } from './signature-v1.js'
import {
  parseV4Authorization,
  v4CanonicalRequest,
  v4Signature,
  v4StringToSign,
} from './signature-v4.js'

/** What OSS authentication needs from the emulator. */
export interface OssAuthDeps {
  credentials: CredentialStore
  clock: Clock
  region: string
}

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

function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const text = headerText(value)
    if (text !== undefined) out[name.toLowerCase()] = text
  }
  return out
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Checks a temporary credential's token: present, the one issued with the key, not expired. */
export function checkSecurityToken(
  credential: Credential,
  token: string | undefined,
  deps: OssAuthDeps,
): void {
  if (credential.kind === 'account') return
  if (!token) throw ossError.invalidAccessKeyId(credential.accessKeyId)
  if (!sameText(token, credential.securityToken ?? '')) throw ossError.invalidSecurityToken()
  if (deps.credentials.isExpired(credential)) throw ossError.securityTokenExpired()
}

/** UploadAuth credentials may only touch their own object. */
export function checkScope(
  credential: Credential,
  bucket: string | undefined,
  key: string | undefined,
): void {
  const scope = credential.scope
  if (scope && (scope.bucket !== bucket || scope.key !== key)) throw ossError.accessDenied()
}

function checkRequestTime(dateValue: string | undefined, deps: OssAuthDeps): void {
  const requestTime = parseRequestTime(dateValue)
  if (Number.isNaN(requestTime)) {
    throw ossError.accessDenied('Authentication requires a valid Date or x-oss-date header.')
  }
  const now = deps.clock.now()
  if (Math.abs(requestTime - now) > MAX_CLOCK_SKEW_MS) {
    throw ossError.requestTimeTooSkewed(
      new Date(requestTime).toISOString(),
      new Date(now).toISOString(),
    )
  }
}

/** Authenticates an OSS request signed in its Authorization header (V1 or V4). Throws an {@link OssError}. */
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

function authenticateV4(
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

/** A V1 presigned URL: `OSSAccessKeyId`, `Expires` (epoch seconds) and `Signature` in the query. */
function authenticatePresignedUrl(
  request: OssSignedRequest,
  headers: Record<string, string>,
  deps: OssAuthDeps,
): Credential {
  const query = new Map(request.query)
  const accessKeyId = query.get('OSSAccessKeyId')
  const provided = query.get('Signature')
  const expires = query.get('Expires')
  if (!accessKeyId || !provided || !expires) throw ossError.accessDenied()
  const credential = deps.credentials.find(accessKeyId)
  if (!credential) throw ossError.invalidAccessKeyId(accessKeyId)
  checkSecurityToken(credential, query.get('security-token'), deps)
  const now = deps.clock.now()
  if (!/^\d+$/.test(expires) || Number(expires) * 1000 < now) {
    throw new OssError(403, 'AccessDenied', 'Request has expired.', [
      [
        'Expires',
        Number.isNaN(Number(expires)) ? expires : new Date(Number(expires) * 1000).toISOString(),
      ],
      ['ServerTime', new Date(now).toISOString()],
    ])
  }
  const stringToSign = v1StringToSign({
    method: request.method,
    ...(headers['content-md5'] !== undefined ? { contentMd5: headers['content-md5'] } : {}),
    ...(headers['content-type'] !== undefined ? { contentType: headers['content-type'] } : {}),
    date: expires,
    headers,
    ...(request.bucket ? { bucket: request.bucket } : {}),
    ...(request.key ? { key: request.key } : {}),
    query: request.query,
  })
  if (!sameText(v1Signature(credential.accessKeySecret, stringToSign), provided)) {
    throw ossError.signatureDoesNotMatch(accessKeyId, provided, stringToSign)
  }
  return credential
}
