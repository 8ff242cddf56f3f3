import { hmacSha1Base64, type NativeHmac } from '../hashes'
import { lowerCaseHeaders, type OssSigningRequest, sortedQuery } from './signing-request'

/** Query parameters that belong to the V1 canonical resource; OSS ignores the others when it signs. */
export const OSS_V1_SUBRESOURCES: ReadonlySet<string> = new Set([
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'udf',
  'udfName',
  'udfImage',
  'udfId',
  'udfImageDesc',
  'udfApplication',
  'udfApplicationLog',
  'restore',
  'callback',
  'callback-var',
  'versionId',
  'versioning',
  'versions',
  'sequential',
  'continuation-token',
  'regionList',
  'cloudboxes',
])

/** `/bucket/key?sub=resources`: the raw (unencoded) key and the sub-resources sorted by name. */
export function ossV1CanonicalResource(request: OssSigningRequest): string {
  let resource = '/'
  if (request.bucket) resource += `${request.bucket}/`
  if (request.objectKey) resource += request.objectKey
  const subresources = sortedQuery(request.query).filter(([name]) => OSS_V1_SUBRESOURCES.has(name))
  if (subresources.length === 0) return resource
  return `${resource}?${subresources.map(([name, value]) => (value === null ? name : `${name}=${value}`)).join('&')}`
}

/**
 * The V1 StringToSign, as the official JavaScript SDK builds it: `x-oss-date` stands in the Date slot (mini
 * programs cannot set a Date header); a `Date` header is used only when there is no `x-oss-date`.
 */
export function ossV1StringToSign(request: OssSigningRequest): string {
  const headers = lowerCaseHeaders(request.headers)
  const ossHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join('')
  return (
    `${request.method.toUpperCase()}\n` +
    `${headers['content-md5'] ?? ''}\n` +
    `${headers['content-type'] ?? ''}\n` +
    `${headers['x-oss-date'] ?? headers.date ?? ''}\n` +
    ossHeaders +
    ossV1CanonicalResource(request)
  )
}

/** base64(HMAC-SHA1(secret, stringToSign)); `hmac` is a native HMAC (the transport's `digests.hmac`), if any. */
export function ossV1Signature(
  accessKeySecret: string,
  stringToSign: string,
  hmac?: NativeHmac,
): string {
  return hmacSha1Base64(accessKeySecret, stringToSign, hmac)
}

/** The V1 `Authorization` header value: `OSS <AccessKeyId>:<signature>`. */
export function ossV1Authorization(
  request: OssSigningRequest,
  credentials: { accessKeyId: string; accessKeySecret: string },
  hmac?: NativeHmac,
): string {
  const signature = ossV1Signature(credentials.accessKeySecret, ossV1StringToSign(request), hmac)
  return `OSS ${credentials.accessKeyId}:${signature}`
}
