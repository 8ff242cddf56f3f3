import { hmacSha256ChainHex, type NativeHmac, sha256Hex } from '../hashes'
import { lowerCaseHeaders, type OssSigningRequest, sortedQuery } from './signing-request'

/** The V4 algorithm name, first word of the Authorization header. */
export const OSS_V4_ALGORITHM = 'OSS4-HMAC-SHA256'

/** Options of V4 signing. */
export interface OssV4Options {
  /** Region id without the `oss-` prefix, e.g. `cn-shanghai`. */
  region: string
  /** Signed product; `oss` unless a cloud box. */
  product?: string
  /** Other headers to sign besides Content-Type, Content-MD5 and `x-oss-*` (lower-cased, e.g. `host`). */
  additionalHeaders?: readonly string[]
  /** A native HMAC (the transport's `digests.hmac`); the portable one otherwise. */
  hmac?: NativeHmac
}

/** RFC 3986 percent-encoding: `encodeURIComponent` plus `!'()*`. */
export function rfc3986Encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function additionalHeaderNames(names: readonly string[] | undefined): string[] {
  if (!names) return []
  const unique = new Set(names.map((n) => n.toLowerCase()))
  return [...unique]
    .filter((n) => n !== 'content-type' && n !== 'content-md5' && !n.startsWith('x-oss-'))
    .sort()
}

/** The V4 canonical request. */
export function ossV4CanonicalRequest(
  request: OssSigningRequest,
  additionalHeaders?: readonly string[],
): string {
  const headers = lowerCaseHeaders(request.headers)
  const additional = additionalHeaderNames(additionalHeaders)
  const bucketPath = request.bucket ? `${request.bucket}/` : ''
  const uri = rfc3986Encode(`/${bucketPath}${request.objectKey ?? ''}`).replace(/%2F/g, '/')
  const query = sortedQuery(request.query)
    .map(([name, value]) =>
      value === null ? rfc3986Encode(name) : `${rfc3986Encode(name)}=${rfc3986Encode(value)}`,
    )
    .join('&')
  const signed = new Set(additional)
  for (const name of Object.keys(headers)) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) {
      signed.add(name)
    }
  }
  const canonicalHeaders = [...signed]
    .sort()
    .map((name) => `${name}:${headers[name] ?? ''}\n`)
    .join('')
  return [
    request.method.toUpperCase(),
    uri,
    query,
    canonicalHeaders,
    additional.join(';'),
    headers['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD',
  ].join('\n')
}

/** `<yyyymmdd>/<region>/<product>/aliyun_v4_request`. */
export function ossV4Scope(isoDate: string, region: string, product = 'oss'): string {
  return `${isoDate.slice(0, 8)}/${region}/${product}/aliyun_v4_request`
}

/** The V4 StringToSign of a canonical request signed at `isoDate` (`20240101T000000Z`). */
export function ossV4StringToSign(
  canonicalRequest: string,
  isoDate: string,
  region: string,
  product = 'oss',
): string {
  return [
    OSS_V4_ALGORITHM,
    isoDate,
    ossV4Scope(isoDate, region, product),
    sha256Hex(canonicalRequest),
  ].join('\n')
}

/** Hex HMAC-SHA256 of the StringToSign with the key derived from the secret, day, region and product. */
export function ossV4Signature(
  accessKeySecret: string,
  isoDate: string,
  region: string,
  stringToSign: string,
  product = 'oss',
  hmac?: NativeHmac,
): string {
  return hmacSha256ChainHex(
    `aliyun_v4${accessKeySecret}`,
    [isoDate.slice(0, 8), region, product, 'aliyun_v4_request', stringToSign],
    hmac,
  )
}

/**
 * The V4 `Authorization` header value. The request must carry `x-oss-date` (`yyyymmddTHHMMSSZ`) and should carry
 * `x-oss-content-sha256: UNSIGNED-PAYLOAD`, as the official SDK sends them.
 */
export function ossV4Authorization(
  request: OssSigningRequest,
  credentials: { accessKeyId: string; accessKeySecret: string },
  options: OssV4Options,
): string {
  const isoDate = lowerCaseHeaders(request.headers)['x-oss-date']
  if (!isoDate || !/^\d{8}T\d{6}Z$/.test(isoDate)) {
    throw new RangeError('V4 signing needs an x-oss-date header such as 20240101T000000Z.')
  }
  const product = options.product ?? 'oss'
  const additional = additionalHeaderNames(options.additionalHeaders)
  const canonical = ossV4CanonicalRequest(request, additional)
  const stringToSign = ossV4StringToSign(canonical, isoDate, options.region, product)
  const signature = ossV4Signature(
    credentials.accessKeySecret,
    isoDate,
    options.region,
    stringToSign,
    product,
    options.hmac,
  )
  const additionalPart = additional.length > 0 ? `AdditionalHeaders=${additional.join(';')},` : ''
  return `${OSS_V4_ALGORITHM} Credential=${credentials.accessKeyId}/${ossV4Scope(isoDate, options.region, product)},${additionalPart}Signature=${signature}`
}
