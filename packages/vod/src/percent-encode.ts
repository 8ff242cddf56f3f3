import { rfc3986Encode } from '@vodup/target-oss/internal'

/**
 * RFC 3986 percent-encoding as the OpenAPI RPC signature uses it: everything but `A-Z a-z 0-9 - _ . ~` is
 * encoded as UTF-8 bytes, space as `%20`. Throws a `URIError` for text with a lone surrogate. The same encoding as
 * OSS V4 signing, so one implementation (target-oss's) serves both.
 */
export const percentEncode: (text: string) => string = rfc3986Encode
