import { createHash, createHmac } from 'node:crypto'

/** A parsed `OSS4-HMAC-SHA256` Authorization header. */
export interface V4Authorization {
  accessKeyId: string
  date: string
  region: string
  product: string
  additionalHeaders: string[]
  signature: string
}

/** Parses `OSS4-HMAC-SHA256 Credential=ak/20240101/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,Signature=hex`. */
export function parseV4Authorization(header: string): V4Authorization | undefined {
  const body = header.slice('OSS4-HMAC-SHA256'.length).trim()
  const fields = new Map<string, string>()
  for (const item of body.split(',')) {
    const eq = item.indexOf('=')
    if (eq > 0) fields.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim())
  }
  const credential = fields.get('Credential')?.split('/')
  const signature = fields.get('Signature')
  if (credential?.length !== 5 || !signature || credential[4] !== 'aliyun_v4_request')
    return undefined
  const [accessKeyId, date, region, product] = credential as [string, string, string, string]
  const additional = fields.get('AdditionalHeaders')
  return {
    accessKeyId,
    date,
    region,
    product,
    additionalHeaders: additional ? additional.split(';').map((h) => h.trim().toLowerCase()) : [],
    signature,
  }
}

/** RFC 3986 encoding as the V4 canonical request uses it. */
export function v4Encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** What the V4 canonical request covers. */
export interface V4Request {
  method: string
  bucket?: string
  key?: string
  /** Decoded query parameters. */
  query: [string, string][]
  /** Headers with lower-case names. */
  headers: Record<string, string>
  additionalHeaders: string[]
}

/** The V4 canonical request. */
export function v4CanonicalRequest(request: V4Request): string {
  const uri = v4Encode(
    `/${request.bucket ? `${request.bucket}/` : ''}${request.key ?? ''}`,
  ).replace(/%2F/g, '/')
  const query = [...request.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) =>
      value === '' ? v4Encode(name) : `${v4Encode(name)}=${v4Encode(value)}`,
    )
    .join('&')
  const signed = new Set(request.additionalHeaders)
  for (const name of Object.keys(request.headers)) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-'))
      signed.add(name)
  }
  const canonicalHeaders = [...signed]
    .sort()
    .map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`)
    .join('')
  return [
    request.method.toUpperCase(),
    uri,
    query,
    canonicalHeaders,
    request.additionalHeaders.join(';'),
    request.headers['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD',
  ].join('\n')
}

/** The V4 StringToSign for a canonical request. */
export function v4StringToSign(
  isoDate: string,
  region: string,
  product: string,
  canonicalRequest: string,
): string {
  return [
    'OSS4-HMAC-SHA256',
    isoDate,
    `${isoDate.slice(0, 8)}/${region}/${product}/aliyun_v4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n')
}

/** Hex HMAC-SHA256 signature with the V4 derived key. */
export function v4Signature(
  secret: string,
  day: string,
  region: string,
  product: string,
  stringToSign: string,
): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac('sha256', key).update(data).digest()
  const signingKey = hmac(
    hmac(hmac(hmac(`aliyun_v4${secret}`, day), region), product),
    'aliyun_v4_request',
  )
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex')
}
