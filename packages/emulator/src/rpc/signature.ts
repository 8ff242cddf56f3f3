import { createHmac } from 'node:crypto'

/** RFC 3986 percent-encoding as the OpenAPI signature (version 1.0) uses it. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** `k1=v1&k2=v2…` over every parameter but `Signature`, keys in byte order, both sides encoded. */
export function canonicalQueryString(params: Map<string, string>): string {
  return [...params.entries()]
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&')
}

/** `METHOD&%2F&enc(canonicalQueryString)`. */
export function rpcStringToSign(method: string, params: Map<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQueryString(params))}`
}

/** base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function rpcSignature(secret: string, stringToSign: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64')
}
