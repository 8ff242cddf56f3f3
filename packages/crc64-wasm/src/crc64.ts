import { CRC64_WASM_BASE64, INPUT_OFFSET, SLICES, WINDOW_BYTES } from './crc64-wasm-module'

const POLY = 0xc96c5795d7870f42n
const ALL_ONES = 0xffffffffffffffffn

interface Crc64Exports {
  memory: { buffer: ArrayBuffer }
  update(state: bigint, length: number): bigint
}

/** The part of the WebAssembly global used here (the ES2022 lib does not declare it). */
interface WasmRuntime {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: unknown }
}

const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmRuntime }

let kernel: { module: object; exports: Crc64Exports; heap: Uint8Array } | undefined

/** Instantiates the module once per process and fills its slice-by-16 tables. */
function load() {
  if (kernel) return kernel
  // atob, not Buffer: the browser transport bundles this module too.
  const binary = atob(CRC64_WASM_BASE64)
  const module = new wasm.Module(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  const exports = new wasm.Instance(module, {}).exports as Crc64Exports
  const tables = new BigUint64Array(exports.memory.buffer, 0, SLICES * 256)
  for (let i = 0; i < 256; i++) {
    let c = BigInt(i)
    for (let bit = 0; bit < 8; bit++) c = c & 1n ? (c >> 1n) ^ POLY : c >> 1n
    tables[i] = c
  }
  for (let slice = 1; slice < SLICES; slice++) {
    for (let i = 0; i < 256; i++) {
      const previous = tables[(slice - 1) * 256 + i]
      tables[slice * 256 + i] = (previous >> 8n) ^ tables[Number(previous & 0xffn)]
    }
  }
  kernel = { module, exports, heap: new Uint8Array(exports.memory.buffer) }
  return kernel
}

/**
 * An incremental CRC-64/ECMA-182 as OSS computes it (`x-oss-hash-crc64ecma`; the same parameters are known as
 * CRC-64/XZ): feed bytes as they arrive, read the value at any point. Runs in WebAssembly, several times faster
 * than portable JavaScript; every instance shares one module instance, so it is synchronous and allocation-free.
 */
export class Crc64 {
  /** The inverted running state, as the kernel keeps it. */
  private state = ALL_ONES

  /** Feeds more bytes. */
  update(bytes: Uint8Array): this {
    const { exports, heap } = load()
    let state = this.state
    for (let offset = 0; offset < bytes.length; offset += WINDOW_BYTES) {
      const length = Math.min(WINDOW_BYTES, bytes.length - offset)
      heap.set(bytes.subarray(offset, offset + length), INPUT_OFFSET)
      state = exports.update(state, length)
    }
    this.state = state
    return this
  }

  /** The CRC of everything fed so far, as an unsigned 64-bit value. */
  digest(): bigint {
    return ~this.state & ALL_ONES
  }
}

/** CRC-64/ECMA-182 of `bytes` as an unsigned decimal string, the form OSS answers. */
export function crc64(bytes: Uint8Array): string {
  return new Crc64().update(bytes).digest().toString()
}

/** What another thread needs to run this kernel: see {@link crc64KernelImage}. */
export interface Crc64KernelImage {
  /** The compiled `WebAssembly.Module` (structured-cloneable to worker threads). */
  module: object
  /** The filled slice-by-16 tables, to copy to the start of an instance's memory. */
  tables: Uint8Array
  /** Where the input window starts in the instance's memory, and its size. */
  inputOffset: number
  windowBytes: number
  /** The state before any byte (all ones); the CRC is the state inverted, as an unsigned 64-bit value. */
  initialState: bigint
}

/**
 * The kernel as a worker thread instantiates it without compiling or filling its tables again: instantiate
 * `module`, copy `tables` to offset 0 of its memory, then for each window of input copy it to `inputOffset` and call
 * `update(state, length)`.
 */
export function crc64KernelImage(): Crc64KernelImage {
  const { module, heap } = load()
  return {
    module,
    tables: heap.slice(0, INPUT_OFFSET),
    inputOffset: INPUT_OFFSET,
    windowBytes: WINDOW_BYTES,
    initialState: ALL_ONES,
  }
}
