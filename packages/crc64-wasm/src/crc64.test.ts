import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { crc64 as oracle } from 'crc64-ecma182.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc64WasmSource } from '../scripts/build-crc64-wasm.mjs'
import { Crc64, crc64 } from './crc64'
import { WINDOW_BYTES } from './crc64-wasm-module'

describe('crc64 (WebAssembly)', () => {
  it('gives the CRC-64/XZ check value and 0 for no bytes', () => {
    expect(crc64(Buffer.from('123456789'))).toBe('11051210869376104954')
    expect(crc64(new Uint8Array(0))).toBe('0')
    expect(new Crc64().digest()).toBe(0n)
  })

  it('agrees with the reference implementation on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(crc64(bytes)).toBe(oracle(Buffer.from(bytes)))
      }),
    )
  })

  it('gives the same value fed in any split, and two running instances do not disturb each other', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(400), { maxLength: 6 }),
        (bytes, cuts) => {
          const pieces = [0, ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)]
          const split = new Crc64()
          const other = new Crc64()
          pieces.forEach((start, i) => {
            split.update(bytes.subarray(start, pieces[i + 1] ?? bytes.length))
            other.update(bytes.subarray(0, 1))
          })
          expect(split.digest().toString()).toBe(oracle(Buffer.from(bytes)))
        },
      ),
    )
  })

  it('agrees across the input window boundary and on views into larger buffers', () => {
    const big = Buffer.alloc(WINDOW_BYTES * 2 + 37)
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 9)) & 0xff
    expect(crc64(big)).toBe(oracle(big))
    const view = new Uint8Array(big.buffer, big.byteOffset + 5, WINDOW_BYTES + 3)
    expect(crc64(view)).toBe(oracle(Buffer.from(view)))
    const running = new Crc64()
      .update(big.subarray(0, WINDOW_BYTES - 1))
      .update(big.subarray(WINDOW_BYTES - 1))
    expect(running.digest().toString()).toBe(oracle(big))
  })

  it('ships the module that its generator compiles', async () => {
    const shipped = readFileSync(
      fileURLToPath(new URL('./crc64-wasm-module.ts', import.meta.url)),
      'utf8',
    )
    expect(shipped).toBe(await crc64WasmSource())
  })
})
