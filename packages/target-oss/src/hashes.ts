// Portable hashes on crypto-js (no Node built-in, no WebCrypto: mini programs have neither). Only the modules
// used are imported, and strings are hashed as UTF-8.
import CryptoJS from 'crypto-js/core.js'
import Base64 from 'crypto-js/enc-base64.js'
import Hex from 'crypto-js/enc-hex.js'
import HmacSHA1 from 'crypto-js/hmac-sha1.js'
import HmacSHA256 from 'crypto-js/hmac-sha256.js'
import 'crypto-js/md5.js'
import SHA256 from 'crypto-js/sha256.js'

type WordArray = CryptoJS.lib.WordArray

/** Bytes hashed per step, so a large part never becomes one huge word array. */
const CHUNK = 64 * 1024

function wordsOf(bytes: Uint8Array, start: number, end: number): WordArray {
  const words: number[] = []
  for (let i = start; i < end; i += 4) {
    words.push(
      (bytes[i] << 24) |
        ((i + 1 < end ? bytes[i + 1] : 0) << 16) |
        ((i + 2 < end ? bytes[i + 2] : 0) << 8) |
        (i + 3 < end ? bytes[i + 3] : 0),
    )
  }
  return CryptoJS.lib.WordArray.create(words, end - start)
}

function bytesOf(words: WordArray): Uint8Array {
  const out = new Uint8Array(words.sigBytes)
  for (let i = 0; i < out.length; i++) out[i] = (words.words[i >>> 2] >>> (24 - (i % 4) * 8)) & 0xff
  return out
}

/** MD5 of bytes (16 bytes). */
export function md5(bytes: Uint8Array): Uint8Array {
  const hasher = CryptoJS.algo.MD5.create()
  for (let start = 0; start < bytes.length; start += CHUNK) {
    hasher.update(wordsOf(bytes, start, Math.min(start + CHUNK, bytes.length)))
  }
  return bytesOf(hasher.finalize())
}

/** MD5 of the UTF-8 of a text, base64: the `Content-MD5` of an XML body. */
export function md5Base64OfText(text: string): string {
  const hasher = CryptoJS.algo.MD5.create()
  return Base64.stringify(hasher.finalize(text))
}

/** base64(HMAC-SHA1(key, message)), both as UTF-8: the OSS V1 and PostObject signature. */
export function hmacSha1Base64(key: string, message: string): string {
  return Base64.stringify(HmacSHA1(message, key))
}

/** Lower-case hex SHA-256 of the UTF-8 of a text. */
export function sha256Hex(text: string): string {
  return Hex.stringify(SHA256(text))
}

/** An HMAC-SHA256 key or result, opaque outside this module. */
export type HmacKey = string | WordArray

/** HMAC-SHA256 of a UTF-8 message; the key is UTF-8 text or an earlier result. */
export function hmacSha256(key: HmacKey, message: string): WordArray {
  return HmacSHA256(message, key)
}

/** Lower-case hex of an HMAC-SHA256 result. */
export function hexOf(value: WordArray): string {
  return Hex.stringify(value)
}
