import type { Hasher } from './block-hash'

/** HMAC (RFC 2104) over a 64-byte-block hash: MD5, SHA-1 or SHA-256. */
export function hmac(create: () => Hasher, key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64)
  block.set(key.length > 64 ? create().update(key).digest() : key)
  const pad = (byte: number) => block.map((b) => b ^ byte)
  const inner = create().update(pad(0x36)).update(message).digest()
  return create().update(pad(0x5c)).update(inner).digest()
}
