import { blockHash, type Hasher } from './block-hash'

const words = new Int32Array(80)

function compress(state: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let j = 0, o = offset; j < 16; j++, o += 4) {
    words[j] = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]
  }
  for (let j = 16; j < 80; j++) {
    const x = words[j - 3] ^ words[j - 8] ^ words[j - 14] ^ words[j - 16]
    words[j] = (x << 1) | (x >>> 31)
  }
  let [a, b, c, d, e] = state
  for (let j = 0; j < 80; j++) {
    const f =
      j < 20
        ? ((b & c) | (~b & d)) + 0x5a827999
        : j < 40
          ? (b ^ c ^ d) + 0x6ed9eba1
          : j < 60
            ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
            : (b ^ c ^ d) + 0xca62c1d6
    const t = (((a << 5) | (a >>> 27)) + f + e + words[j]) | 0
    e = d
    d = c
    c = (b << 30) | (b >>> 2)
    b = a
    a = t
  }
  state[0] += a
  state[1] += b
  state[2] += c
  state[3] += d
  state[4] += e
}

/** Starts a SHA-1 (FIPS 180-4): OSS V1 and VOD RPC signatures are HMAC-SHA1. */
export function createSha1(): Hasher {
  return blockHash([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0], compress, true)
}
