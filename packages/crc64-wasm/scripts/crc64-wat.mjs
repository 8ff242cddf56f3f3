// The CRC-64/ECMA-182 kernel in WebAssembly text, slice-by-16 over i64 lookup tables.
// Memory: 16 tables × 256 × 8 bytes from offset 0, then the input window.

/** Bytes consumed per loop step. */
export const SLICES = 16
/** Where the input window starts in linear memory. */
export const INPUT_OFFSET = SLICES * 256 * 8
/** Size of the input window. */
export const WINDOW_BYTES = 1 << 20

/** Byte mask of a table index already multiplied by 8 (the tables hold 8-byte entries): 255 << 3. */
const INDEX_MASK = 255 << 3

/**
 * The entry of table `table` for the byte at bit `shift` of `word`, its index × 8 taken by one shift and one mask
 * (`(word >> (shift - 3)) & 2040`) instead of a shift, a mask and a multiply.
 */
const lookup = (table, word, shift) => {
  const scaled =
    shift === 0
      ? `(i32.shl (i32.wrap_i64 (local.get ${word})) (i32.const 3))`
      : `(i32.wrap_i64 (i64.shr_u (local.get ${word}) (i64.const ${shift - 3})))`
  return `(i64.load offset=${table * 2048} (i32.and ${scaled} (i32.const ${INDEX_MASK})))`
}

/** The entry of table `table` for the input byte at `$p + at`, loaded as a byte (no word to take it from). */
const lookupByte = (table, at) =>
  `(i64.load offset=${table * 2048} (i32.shl (i32.load8_u offset=${at} (local.get $p)) (i32.const 3)))`

const xorTree = (terms) =>
  terms.length === 1
    ? terms[0]
    : `(i64.xor ${xorTree(terms.slice(0, terms.length >> 1))} ${xorTree(terms.slice(terms.length >> 1))})`

/**
 * The module's text. `update(state, length)` folds `length` bytes of the window into the (inverted) state. Each
 * step takes 16 bytes: the first 8 as one word XORed with the state, whose bytes index their tables by shift and
 * mask; the last 8 (not mixed with the state) index theirs straight from memory, a byte load each.
 */
export function crc64Wat() {
  const terms = []
  for (let byte = 0; byte < SLICES; byte++) {
    const table = SLICES - 1 - byte
    terms.push(byte < 8 ? lookup(table, '$lo', 8 * byte) : lookupByte(table, byte))
  }
  const pages = Math.ceil((INPUT_OFFSET + WINDOW_BYTES) / 65536)
  return `(module
  (memory (export "memory") ${pages})
  (func (export "update") (param $crc i64) (param $len i32) (result i64)
    (local $p i32) (local $end i32) (local $lo i64)
    (local.set $p (i32.const ${INPUT_OFFSET}))
    (local.set $end (i32.add (i32.const ${INPUT_OFFSET}) (i32.and (local.get $len) (i32.const -${SLICES}))))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $lo (i64.xor (local.get $crc) (i64.load (local.get $p))))
        (local.set $crc ${xorTree(terms)})
        (local.set $p (i32.add (local.get $p) (i32.const ${SLICES})))
        (br $blocks)))
    (local.set $end (i32.add (i32.const ${INPUT_OFFSET}) (local.get $len)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $crc
          (i64.xor
            (i64.load (i32.shl (i32.wrap_i64 (i64.and (i64.xor (local.get $crc) (i64.load8_u (local.get $p))) (i64.const 255))) (i32.const 3)))
            (i64.shr_u (local.get $crc) (i64.const 8))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $tail)))
    (local.get $crc)))
`
}
