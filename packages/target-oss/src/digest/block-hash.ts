/** An incremental hash. */
export interface Hasher {
  /** Adds bytes; returns the hasher. */
  update(data: Uint8Array): Hasher
  /** The digest of everything added (call once). */
  digest(): Uint8Array
}

/** Mixes the 64-byte block at `offset` of `bytes` into `state`. */
export type Compress = (state: Int32Array, bytes: Uint8Array, offset: number) => void

/**
 * A Merkle–Damgård hash over 64-byte blocks, as MD5, SHA-1 and SHA-256 are: whole blocks are compressed straight
 * from the caller's bytes (no copy), the tail waits in a block buffer, and the end pads with 0x80, zeros and the
 * bit length (little-endian words for MD5, big-endian for the SHAs).
 */
export function blockHash(
  initial: readonly number[],
  compress: Compress,
  bigEndian: boolean,
): Hasher {
  const state = Int32Array.from(initial)
  const block = new Uint8Array(64)
  let buffered = 0
  let length = 0
  const hasher: Hasher = {
    update(data) {
      length += data.length
      let i = 0
      if (buffered > 0) {
        i = Math.min(64 - buffered, data.length)
        block.set(data.subarray(0, i), buffered)
        buffered += i
        if (buffered < 64) return hasher
        compress(state, block, 0)
        buffered = 0
      }
      for (; i + 64 <= data.length; i += 64) compress(state, data, i)
      block.set(data.subarray(i), 0)
      buffered = data.length - i
      return hasher
    },
    digest() {
      const bits = [Math.floor(length / 0x20000000), (length << 3) >>> 0]
      block.fill(0, buffered)
      block[buffered] = 0x80
      if (buffered >= 56) {
        compress(state, block, 0)
        block.fill(0)
      }
      for (let k = 0; k < 8; k++) {
        // Bit length as 64 bits: byte k of the big-endian value, or of the little-endian one.
        const word = bits[bigEndian ? k >> 2 : 1 - (k >> 2)]
        block[56 + k] = word >>> (bigEndian ? 24 - 8 * (k & 3) : 8 * (k & 3))
      }
      compress(state, block, 0)
      const out = new Uint8Array(state.length * 4)
      for (let k = 0; k < out.length; k++) {
        out[k] = state[k >> 2] >>> (bigEndian ? 24 - 8 * (k & 3) : 8 * (k & 3))
      }
      return out
    },
  }
  return hasher
}
