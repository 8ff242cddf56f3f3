// CRC-64/ECMA-182 as OSS computes it (`x-oss-hash-crc64ecma`; the same parameters are also known as CRC-64/XZ):
// reflected polynomial 0xC96C5795D7870F42, initial value and final XOR all ones. Mini programs have no BigInt on
// every device, so a 64-bit value is kept as two unsigned 32-bit halves.

const POLY_HI = 0xc96c5795
const POLY_LO = 0xd7870f42

/** Eight slicing tables of 256 entries each, for the low and the high halves. */
const TABLE_LO = new Int32Array(8 * 256)
const TABLE_HI = new Int32Array(8 * 256)

for (let i = 0; i < 256; i++) {
  let lo = i
  let hi = 0
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1
    lo = (lo >>> 1) | ((hi & 1) << 31)
    hi = hi >>> 1
    if (carry) {
      lo ^= POLY_LO
      hi ^= POLY_HI
    }
  }
  TABLE_LO[i] = lo
  TABLE_HI[i] = hi
}
for (let k = 1; k < 8; k++) {
  for (let i = 0; i < 256; i++) {
    const prevLo = TABLE_LO[(k - 1) * 256 + i]
    const prevHi = TABLE_HI[(k - 1) * 256 + i]
    const index = prevLo & 0xff
    TABLE_LO[k * 256 + i] = ((prevLo >>> 8) | (prevHi << 24)) ^ TABLE_LO[index]
    TABLE_HI[k * 256 + i] = (prevHi >>> 8) ^ TABLE_HI[index]
  }
}

/** A 64-bit value as two unsigned 32-bit halves. */
interface U64 {
  hi: number
  lo: number
}

function update(crc: U64, data: Uint8Array): U64 {
  let lo = ~crc.lo
  let hi = ~crc.hi
  const length = data.length
  let i = 0
  for (; i + 8 <= length; i += 8) {
    const a = lo ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))
    const b = hi ^ (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24))
    const i7 = 7 * 256 + (a & 0xff)
    const i6 = 6 * 256 + ((a >>> 8) & 0xff)
    const i5 = 5 * 256 + ((a >>> 16) & 0xff)
    const i4 = 4 * 256 + (a >>> 24)
    const i3 = 3 * 256 + (b & 0xff)
    const i2 = 2 * 256 + ((b >>> 8) & 0xff)
    const i1 = 256 + ((b >>> 16) & 0xff)
    const i0 = b >>> 24
    lo =
      TABLE_LO[i7] ^
      TABLE_LO[i6] ^
      TABLE_LO[i5] ^
      TABLE_LO[i4] ^
      TABLE_LO[i3] ^
      TABLE_LO[i2] ^
      TABLE_LO[i1] ^
      TABLE_LO[i0]
    hi =
      TABLE_HI[i7] ^
      TABLE_HI[i6] ^
      TABLE_HI[i5] ^
      TABLE_HI[i4] ^
      TABLE_HI[i3] ^
      TABLE_HI[i2] ^
      TABLE_HI[i1] ^
      TABLE_HI[i0]
  }
  for (; i < length; i++) {
    const index = (lo ^ data[i]) & 0xff
    lo = ((lo >>> 8) | (hi << 24)) ^ TABLE_LO[index]
    hi = (hi >>> 8) ^ TABLE_HI[index]
  }
  return { hi: ~hi >>> 0, lo: ~lo >>> 0 }
}

/** Polynomial product modulo the CRC polynomial, in the reflected bit order. */
function multiplyModPoly(a: U64, b: U64): U64 {
  let pHi = 0
  let pLo = 0
  let bHi = b.hi
  let bLo = b.lo
  for (let bit = 0; bit < 64; bit++) {
    const set = bit < 32 ? (a.hi >>> (31 - bit)) & 1 : (a.lo >>> (63 - bit)) & 1
    if (set) {
      pHi ^= bHi
      pLo ^= bLo
    }
    const carry = bLo & 1
    bLo = (bLo >>> 1) | ((bHi & 1) << 31)
    bHi = bHi >>> 1
    if (carry) {
      bHi ^= POLY_HI
      bLo ^= POLY_LO
    }
  }
  return { hi: pHi >>> 0, lo: pLo >>> 0 }
}

/** x^(2^k) modulo the polynomial, for k = 0..63. */
const POWERS: U64[] = [{ hi: 0x40000000, lo: 0 }]
for (let k = 1; k < 64; k++) POWERS.push(multiplyModPoly(POWERS[k - 1], POWERS[k - 1]))

/** x^(8 * bytes) modulo the polynomial: the operator that appends `bytes` zero bytes. */
function zeroBytesOperator(bytes: number): U64 {
  let result: U64 = { hi: 0x80000000, lo: 0 }
  let n = bytes
  let k = 3
  while (n > 0) {
    if (n % 2 === 1) result = multiplyModPoly(POWERS[k % 64], result)
    n = Math.floor(n / 2)
    k++
  }
  return result
}

function toDecimal(value: U64): string {
  const limbs = [value.hi >>> 16, value.hi & 0xffff, value.lo >>> 16, value.lo & 0xffff]
  let out = ''
  for (;;) {
    let remainder = 0
    for (let k = 0; k < 4; k++) {
      const current = remainder * 0x10000 + limbs[k]
      limbs[k] = Math.floor(current / 10000)
      remainder = current % 10000
    }
    const done = limbs[0] === 0 && limbs[1] === 0 && limbs[2] === 0 && limbs[3] === 0
    out = (done ? String(remainder) : String(remainder).padStart(4, '0')) + out
    if (done) return out
  }
}

function fromDecimal(text: string): U64 | undefined {
  if (!/^\d{1,20}$/.test(text)) return undefined
  const limbs = [0, 0, 0, 0]
  for (let i = 0; i < text.length; i++) {
    let carry = text.charCodeAt(i) - 48
    for (let k = 3; k >= 0; k--) {
      const current = limbs[k] * 10 + carry
      limbs[k] = current & 0xffff
      carry = Math.floor(current / 0x10000)
    }
    if (carry !== 0) return undefined
  }
  return { hi: ((limbs[0] << 16) | limbs[1]) >>> 0, lo: ((limbs[2] << 16) | limbs[3]) >>> 0 }
}

function requireDecimal(text: string, what: string): U64 {
  const value = fromDecimal(text)
  if (!value) throw new RangeError(`${what} is not an unsigned 64-bit decimal: "${text}".`)
  return value
}

/** An incremental CRC-64/ECMA computation. */
export interface Crc64Hasher {
  /** Adds bytes; returns the hasher. */
  update(data: Uint8Array): Crc64Hasher
  /** The CRC-64 of everything added so far, as an unsigned decimal string. */
  digest(): string
}

/** Starts an incremental CRC-64/ECMA, optionally continuing from the CRC (decimal) of earlier bytes. */
export function createCrc64(previous = '0'): Crc64Hasher {
  let state = requireDecimal(previous, 'The previous CRC-64')
  const hasher: Crc64Hasher = {
    update(data) {
      state = update(state, data)
      return hasher
    },
    digest: () => toDecimal(state),
  }
  return hasher
}

/** CRC-64/ECMA (as OSS's `x-oss-hash-crc64ecma`) of `data`, as an unsigned decimal string. */
export function crc64(data: Uint8Array): string {
  return toDecimal(update({ hi: 0, lo: 0 }, data))
}

/**
 * The CRC-64 of the concatenation A‖B from the CRC of A, the CRC of B and the length of B, without the bytes.
 * CRCs are unsigned decimal strings.
 */
export function crc64Combine(crcA: string, crcB: string, lengthB: number): string {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) {
    throw new RangeError(`The length must be a whole number of bytes; got ${lengthB}.`)
  }
  const a = requireDecimal(crcA, 'The first CRC-64')
  const b = requireDecimal(crcB, 'The second CRC-64')
  const shifted = multiplyModPoly(zeroBytesOperator(lengthB), a)
  return toDecimal({ hi: (shifted.hi ^ b.hi) >>> 0, lo: (shifted.lo ^ b.lo) >>> 0 })
}

/** The CRC-64 of an object from its parts' CRCs and sizes, in order. */
export function crc64OfParts(parts: ReadonlyArray<{ crc64: string; size: number }>): string {
  let combined = '0'
  for (const part of parts) combined = crc64Combine(combined, part.crc64, part.size)
  return combined
}

/** True when `text` is an unsigned 64-bit decimal, as OSS writes CRC-64 values. */
export function isCrc64Decimal(text: string): boolean {
  return fromDecimal(text) !== undefined
}
