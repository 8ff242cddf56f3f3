import type { Credential } from '../credentials.js'
import type { OssSignedRequest } from './auth.js'
import { checkSecurityToken, type OssAuthDeps, sameText } from './auth-checks.js'
import { OssError, ossError } from './errors.js'
import { v1Signature, v1StringToSign } from './signature-v1.js'

/** A V1 presigned URL: `OSSAccessKeyId`, `Expires` (epoch seconds) and `Signature` in the query. */
export function authenticatePresignedUrl(
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
