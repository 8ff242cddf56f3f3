import { base64Encode, utf8Encode } from '@vodup/core'
import { hmacSha1Base64, type NativeHmac } from '../hashes'

/** A PostObject policy document. */
export interface PostPolicy {
  /** ISO-8601 UTC time after which OSS refuses the form, e.g. `2024-01-01T00:00:00.000Z`. */
  expiration: string
  /** Conditions: `{ bucket: 'b' }`, `['eq', '$key', 'k']`, `['content-length-range', 0, 1024]`... */
  conditions: unknown[]
}

/** The `policy` and `Signature` form fields of a V1-signed PostObject. */
export interface SignedPostPolicy {
  /** base64 of the policy's UTF-8 JSON. */
  policy: string
  /** base64(HMAC-SHA1(AccessKeySecret, policy)). */
  signature: string
}

/** Encodes a policy (an object, or JSON text) and signs it with the V1 PostObject signature. */
export function signPostPolicy(
  policy: PostPolicy | string,
  accessKeySecret: string,
  hmac?: NativeHmac,
): SignedPostPolicy {
  const json = typeof policy === 'string' ? policy : JSON.stringify(policy)
  const encoded = base64Encode(utf8Encode(json))
  return { policy: encoded, signature: hmacSha1Base64(accessKeySecret, encoded, hmac) }
}
