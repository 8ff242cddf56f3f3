/**
 * CRC-64/XZ ("CRC64-ECMA182" in OSS's words): reflected polynomial 0xC96C5795D7870F42,
 * initial value and final XOR all ones. OSS reports it as `x-oss-hash-crc64ecma`.
 *
 * The state is kept as two unsigned 32-bit halves so the hot loop stays in small integers
 * (slice-by-8 tables); BigInt appears only at the edges and in {@link combineCrc64}.
 */

const POLY_LO = 0xd7870f42
const POLY_HI = 0xc96c5795
const SLICES = 8

const tableLo = new Uint32Array(256 * SLICES)
const tableHi = new Uint32Array(256 * SLICES)

for (let i = 0; i < 256; i++) {
  let lo = i
  let hi = 0
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0
    hi = hi >>> 1
    if (carry) {
      lo = (lo ^ POLY_LO) >>> 0
      hi = (hi ^ POLY_HI) >>> 0
    }
  }
  tableLo[i] = lo
  tableHi[i] = hi
}
for (let slice = 1; slice < SLICES; slice++) {
  for (let i = 0; i < 256; i++) {
    const prevLo = tableLo[(slice - 1) * 256 + i]!
    const prevHi = tableHi[(slice - 1) * 256 + i]!
    const index = prevLo & 0xff
    tableLo[slice * 256 + i] = (((prevLo >>> 8) | ((prevHi & 0xff) << 24)) ^ tableLo[index]!) >>> 0
    tableHi[slice * 256 + i] = ((prevHi >>> 8) ^ tableHi[index]!) >>> 0
  }
}

/** An incremental CRC-64 over a byte stream. */
export class Crc64 {
  private lo = 0xffffffff
  private hi = 0xffffffff

  /** Feeds more bytes. */
  update(bytes: Uint8Array): this {
    let lo = this.lo
    let hi = this.hi
    const length = bytes.length
    const whole = length - (length % 8)
    let i = 0
    const t = tableLo
    const u = tableHi
    for (; i < whole; i += 8) {
      const a =
        (lo ^
          (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>>
        0
      const b =
        (hi ^
          (bytes[i + 4]! |
            (bytes[i + 5]! << 8) |
            (bytes[i + 6]! << 16) |
            (bytes[i + 7]! << 24))) >>>
        0
      lo =
        t[1792 + (a & 0xff)]! ^
        t[1536 + ((a >>> 8) & 0xff)]! ^
        t[1280 + ((a >>> 16) & 0xff)]! ^
        t[1024 + (a >>> 24)]! ^
        t[768 + (b & 0xff)]! ^
        t[512 + ((b >>> 8) & 0xff)]! ^
        t[256 + ((b >>> 16) & 0xff)]! ^
        t[b >>> 24]!
      hi =
        u[1792 + (a & 0xff)]! ^
        u[1536 + ((a >>> 8) & 0xff)]! ^
        u[1280 + ((a >>> 16) & 0xff)]! ^
        u[1024 + (a >>> 24)]! ^
        u[768 + (b & 0xff)]! ^
        u[512 + ((b >>> 8) & 0xff)]! ^
        u[256 + ((b >>> 16) & 0xff)]! ^
        u[b >>> 24]!
    }
    for (; i < length; i++) {
      const index = (lo ^ bytes[i]!) & 0xff
      lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ t[index]!) >>> 0
      hi = ((hi >>> 8) ^ u[index]!) >>> 0
    }
    this.lo = lo >>> 0
    this.hi = hi >>> 0
    return this
  }

  /** The CRC of everything fed so far. */
  digest(): bigint {
    return (BigInt(~this.hi >>> 0) << 32n) | BigInt(~this.lo >>> 0)
  }
}

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
