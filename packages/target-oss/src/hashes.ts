// Portable hashes without Node built-ins or WebCrypto (mini programs have neither). MD5 (vodup's one
// implementation of it) is spark-md5, which works on typed arrays (about twenty times faster than crypto-js's word
// arrays): it runs on every byte sent where MD5 is the proof. The HMACs and SHA-256 of short texts use the crypto-js
// modules named below. Texts are hashed as UTF-8.
import { base64Encode, type Digests, hexEncode, utf8Encode } from '@vodup/core'
import type CryptoJS from 'crypto-js/core.js'
import Base64 from 'crypto-js/enc-base64.js'
import Hex from 'crypto-js/enc-hex.js'
import HmacSHA1 from 'crypto-js/hmac-sha1.js'
import HmacSHA256 from 'crypto-js/hmac-sha256.js'
import SHA256 from 'crypto-js/sha256.js'
import SparkMD5 from 'spark-md5'

type WordArray = CryptoJS.lib.WordArray

function bytesOfHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** MD5 of bytes (16 bytes). */
export function md5(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  const buffer = whole ? bytes.buffer : bytes.slice().buffer
  return bytesOfHex(SparkMD5.ArrayBuffer.hash(buffer as ArrayBuffer))
}

/** An incremental MD5. */
export interface Md5Hasher {
  update(data: Uint8Array): Md5Hasher
  /** The 16 bytes of the MD5 of everything added. */
  digest(): Uint8Array
}

/** Starts an incremental MD5 (the file of a form upload, read in slices). */
export function createMd5(): Md5Hasher {
  const spark = new SparkMD5.ArrayBuffer()
  const hasher: Md5Hasher = {
    update(data) {
      const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
      spark.append((whole ? data.buffer : data.slice().buffer) as ArrayBuffer)
      return hasher
    },
    digest: () => bytesOfHex(spark.end()),
  }
  return hasher
}

/** MD5 of the UTF-8 of a text, base64: the `Content-MD5` of an XML body. */
export function md5Base64OfText(text: string): string {
  return base64Encode(bytesOfHex(SparkMD5.hash(text)))
}

/** A platform's native HMAC (`Digests.hmac`), used instead of crypto-js when the transport offers one. */
export type NativeHmac = NonNullable<Digests['hmac']>

/** base64(HMAC-SHA1(key, message)), both as UTF-8: the OSS V1 and PostObject signature. */
export function hmacSha1Base64(key: string, message: string, native?: NativeHmac): string {
  if (native) return base64Encode(native('sha1', utf8Encode(key), utf8Encode(message)))
  return Base64.stringify(HmacSHA1(message, key))
}

/** Lower-case hex SHA-256 of the UTF-8 of a text. */
export function sha256Hex(text: string): string {
  return Hex.stringify(SHA256(text))
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
  if (native) {
    let current = utf8Encode(key)
    for (const message of messages) current = native('sha256', current, utf8Encode(message))
    return hexEncode(current)
  }
  let current: string | WordArray = key
  for (const message of messages) current = HmacSHA256(message, current)
  return Hex.stringify(current as WordArray)
}
