// Portable hashes without Node built-ins or WebCrypto (mini programs have neither): vodup's one implementation of
// MD5, SHA-1, SHA-256 and their HMACs (./digest), on typed arrays. MD5 runs on every byte sent where MD5 is the
// proof, so it is the one tuned for speed; the others hash short texts. Texts are hashed as UTF-8.
import { base64Encode, type Digests, hexEncode, utf8Encode } from '@vodup/core'
import type { Hasher } from './digest/block-hash'
import { hmac } from './digest/hmac'
import { createMd5 } from './digest/md5'
import { createSha1 } from './digest/sha1'
import { createSha256 } from './digest/sha256'

export type { Hasher } from './digest/block-hash'
export { createMd5 }

/** MD5 of bytes (16 bytes). */
export function md5(bytes: Uint8Array): Uint8Array {
  return createMd5().update(bytes).digest()
}

/** An incremental MD5. */
export type Md5Hasher = Hasher

/** MD5 of the UTF-8 of a text, base64: the `Content-MD5` of an XML body. */
export function md5Base64OfText(text: string): string {
  return base64Encode(md5(utf8Encode(text)))
}

/** A platform's native HMAC (`Digests.hmac`), used instead of the portable one when the transport offers one. */
export type NativeHmac = NonNullable<Digests['hmac']>

const portableHmac: NativeHmac = (algorithm, key, data) =>
  hmac(algorithm === 'sha1' ? createSha1 : createSha256, key, data)

/** base64(HMAC-SHA1(key, message)), both as UTF-8: the OSS V1, PostObject and VOD RPC signature. */
export function hmacSha1Base64(key: string, message: string, native?: NativeHmac): string {
  return base64Encode((native ?? portableHmac)('sha1', utf8Encode(key), utf8Encode(message)))
}

/** Lower-case hex SHA-256 of the UTF-8 of a text. */
export function sha256Hex(text: string): string {
  return hexEncode(createSha256().update(utf8Encode(text)).digest())
}

/**
 * Lower-case hex of HMAC-SHA256 chained over `messages`: the first keyed with `key` (UTF-8), each next keyed with
 * the previous result. The V4 signature is this chain over day, region, product, `aliyun_v4_request` and the
 * StringToSign.
 */
export function hmacSha256ChainHex(
  key: string,
  messages: readonly string[],
  native?: NativeHmac,
): string {
  let current = utf8Encode(key)
  for (const message of messages) {
    current = (native ?? portableHmac)('sha256', current, utf8Encode(message))
  }
  return hexEncode(current)
}
