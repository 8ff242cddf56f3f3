// The CRC-64/ECMA-182 kernel in WebAssembly text, slice-by-16 over i64 lookup tables.
// Memory: 16 tables × 256 × 8 bytes from offset 0, then the input window.

/** Bytes consumed per loop step. */
export const SLICES = 16
/** Where the input window starts in linear memory. */
export const INPUT_OFFSET = SLICES * 256 * 8
/** Size of the input window. */
export const WINDOW_BYTES = 1 << 20

const lookup = (table, word, shift) =>
  `(i64.load offset=${table * 2048} (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get ${word}) (i64.const ${shift})) (i64.const 255))) (i32.const 3)))`

const xorTree = (terms) =>
  terms.length === 1
    ? terms[0]
    : `(i64.xor ${xorTree(terms.slice(0, terms.length >> 1))} ${xorTree(terms.slice(terms.length >> 1))})`

/** The module's text. `update(state, length)` folds `length` bytes of the window into the (inverted) state. */
export function crc64Wat() {
  const terms = []
  for (let byte = 0; byte < SLICES; byte++) {
    const word = byte < 8 ? '$lo' : '$hi'
    terms.push(lookup(SLICES - 1 - byte, word, 8 * (byte % 8)))
  }
  const pages = Math.ceil((INPUT_OFFSET + WINDOW_BYTES) / 65536)
  return `(module
  (memory (export "memory") ${pages})
  (func (export "update") (param $crc i64) (param $len i32) (result i64)
    (local $p i32) (local $end i32) (local $lo i64) (local $hi i64)
    (local.set $p (i32.const ${INPUT_OFFSET}))
    (local.set $end (i32.add (i32.const ${INPUT_OFFSET}) (i32.and (local.get $len) (i32.const -${SLICES}))))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $lo (i64.xor (local.get $crc) (i64.load (local.get $p))))
        (local.set $hi (i64.load offset=8 (local.get $p)))
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
