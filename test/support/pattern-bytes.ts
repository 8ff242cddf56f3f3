/**
 * Deterministic bytes that look random (xorshift32 from `seed`): the same size and seed always give the same bytes,
 * and no two parts of a file are alike (so no two share an ETag).
 */
export function patternBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return bytes
}
