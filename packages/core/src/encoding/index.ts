export { base64Decode, base64Encode } from './base64'
export { utf8Decode, utf8Encode } from './utf8'

/** Lower-case hexadecimal of bytes. */
export function hexEncode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16)
  return out
}
