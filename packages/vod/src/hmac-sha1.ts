import Base64 from 'crypto-js/enc-base64.js'
import HmacSHA1 from 'crypto-js/hmac-sha1.js'

/** base64(HMAC-SHA1(key, message)), both taken as UTF-8. */
export function hmacSha1Base64(key: string, message: string): string {
  return Base64.stringify(HmacSHA1(message, key))
}
