import { createHmac } from 'node:crypto'

// Kept apart from @vodup/target-oss's signing on purpose (here and in signature-v4.ts): the emulator is the
// protocol peer that checks signatures, and both sides are tested against ali-oss, so one shared mistake cannot
// pass on both.

/** Query parameters that are part of the V1 canonical resource. */
const SUB_RESOURCES = new Set([
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

/** The parts of a request that a V1 signature covers. */
export interface V1Request {
  method: string
  contentMd5?: string
  contentType?: string
  /** Value of the Date slot: the Date header, or x-oss-date when ali-oss style. */
  date: string
  /** Headers with lower-case names. */
  headers: Record<string, string>
  bucket?: string
  key?: string
  /** Decoded query parameters. */
  query: [string, string][]
}

/** `/bucket/key?sub=resources` as the V1 signature canonicalizes it. */
export function v1CanonicalResource(
  bucket: string | undefined,
  key: string | undefined,
  query: [string, string][],
) {
  let resource = '/'
  if (bucket) resource += `${bucket}/`
  if (key) resource += key
  const subResources = query
    .filter(([name]) => SUB_RESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (subResources.length > 0) {
    resource += `?${subResources.map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join('&')}`
  }
  return resource
}

/** The V1 StringToSign. */
export function v1StringToSign(request: V1Request): string {
  const ossHeaders = Object.entries(request.headers)
    .filter(([name]) => name.startsWith('x-oss-'))
    .map(([name, value]) => [name, value.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('')
  return (
    `${request.method.toUpperCase()}\n${request.contentMd5 ?? ''}\n${request.contentType ?? ''}\n${request.date}\n` +
    ossHeaders +
    v1CanonicalResource(request.bucket, request.key, request.query)
  )
}

/** base64(HMAC-SHA1(secret, stringToSign)): the V1 header and PostObject policy signature. */
export function v1Signature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(Buffer.from(stringToSign, 'utf8')).digest('base64')
}
