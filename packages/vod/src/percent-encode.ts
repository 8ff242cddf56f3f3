/**
 * RFC 3986 percent-encoding as the OpenAPI RPC signature uses it: everything but `A-Z a-z 0-9 - _ . ~` is
 * encoded as UTF-8 bytes, space as `%20`. Throws a `URIError` for text with a lone surrogate.
 */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}
