/**
 * CRC-64/XZ ("CRC64-ECMA182" in OSS's words): reflected polynomial 0xC96C5795D7870F42, initial value and final XOR
 * all ones. OSS reports it as `x-oss-hash-crc64ecma`. The running CRC is vodup's shared WebAssembly kernel; the
 * combination of two CRCs (for CompleteMultipartUpload) is here.
 */
import { Crc64 } from '@vodup/crc64-wasm'

export { Crc64 }

/** The CRC-64 of one buffer. */
export function crc64(bytes: Uint8Array): bigint {
  return new Crc64().update(bytes).digest()
}

const POLY = 0xc96c5795d7870f42n
const MASK = 0xffffffffffffffffn
const TOP = 1n << 63n

/** a·b modulo the CRC polynomial, both in the CRC's reflected bit order. */
function multiplyModPoly(a: bigint, b: bigint): bigint {
  let product = 0n
  let m = TOP
  let multiplier = b
  for (;;) {
    if (a & m) {
      product ^= multiplier
      if ((a & (m - 1n)) === 0n) break
    }
    m >>= 1n
    multiplier = multiplier & 1n ? (multiplier >> 1n) ^ POLY : multiplier >> 1n
  }
  return product & MASK
}

/** x^(2^k) modulo the polynomial for k = 0..63. */
const powersOfX: bigint[] = [TOP >> 1n]
for (let k = 1; k < 64; k++) powersOfX.push(multiplyModPoly(powersOfX[k - 1]!, powersOfX[k - 1]!))

const shiftCache = new Map<number, bigint>()

/** x^(8·length) modulo the polynomial: what appending `length` zero bytes multiplies by. */
function shiftForLength(length: number): bigint {
  const cached = shiftCache.get(length)
  if (cached !== undefined) return cached
  let result = TOP
  let n = BigInt(length) * 8n
  let k = 0
  while (n > 0n) {
    if (n & 1n) result = multiplyModPoly(powersOfX[k % 64]!, result)
    n >>= 1n
    k++
  }
  if (shiftCache.size > 1024) shiftCache.clear()
  shiftCache.set(length, result)
  return result
}

/** The CRC-64 of A followed by B, from crc(A), crc(B) and B's length. */
export function combineCrc64(crcA: bigint, crcB: bigint, lengthB: number): bigint {
  if (lengthB === 0) return crcA
  return multiplyModPoly(shiftForLength(lengthB), crcA) ^ crcB
}
