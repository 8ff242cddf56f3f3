import type { Digests } from '@vodup/core'
import { Crc64, crc64 } from '@vodup/crc64-wasm'

/** Bytes hashed between two tasks of the page: about a millisecond of CRC-64 in WebAssembly. */
export const HASH_SLICE_BYTES = 1024 * 1024

/** Lets the page run its other tasks (input, rendering, progress events), then resumes. */
function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0))
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(undefined)
  })
}

/**
 * CRC-64/ECMA-182 of a part (unsigned decimal) in WebAssembly, a slice at a time with the page's other tasks
 * in between, so a large part never freezes the page while it is hashed.
 */
export async function partCrc64(data: Uint8Array): Promise<string> {
  const crc = new Crc64()
  for (let offset = 0; offset < data.length; offset += HASH_SLICE_BYTES) {
    if (offset > 0) await nextTask()
    crc.update(data.subarray(offset, offset + HASH_SLICE_BYTES))
  }
  return crc.digest().toString()
}

/**
 * What the page computes faster than portable code: CRC-64/ECMA-182 in WebAssembly (several times the portable
 * JavaScript), whole or per part between the page's tasks. MD5 is not offered (WebCrypto has none), so targets
 * use their portable MD5 where MD5 is the proof.
 */
export const browserDigests: Digests = {
  crc64,
  partCrc64,
}
