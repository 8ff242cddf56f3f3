import { createHash } from 'node:crypto'
import { Crc64 } from '@vodup/crc64-wasm'

/** Bytes hashed between two turns of the event loop: about a millisecond of MD5, a fraction of one of CRC-64. */
export const HASH_SLICE_BYTES = 512 * 1024

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Feeds `data` to `update` in slices that stay in cache, with a turn of the event loop between slices. */
async function inSlices(data: Uint8Array, update: (slice: Uint8Array) => void): Promise<void> {
  for (let offset = 0; offset < data.length; offset += HASH_SLICE_BYTES) {
    if (offset > 0) await nextTurn()
    update(data.subarray(offset, offset + HASH_SLICE_BYTES))
  }
}

/**
 * CRC-64/ECMA-182 of a part (unsigned decimal) in WebAssembly, a slice at a time with the event loop turning in
 * between: the sockets of the parts in flight are written meanwhile, instead of waiting for a whole part.
 */
export async function partCrc64(data: Uint8Array): Promise<string> {
  const crc = new Crc64()
  await inSlices(data, (slice) => crc.update(slice))
  return crc.digest().toString()
}

/** MD5 of a part (16 bytes) from node:crypto, with the manners of {@link partCrc64}. */
export async function partMd5(data: Uint8Array): Promise<Uint8Array> {
  const md5 = createHash('md5')
  await inSlices(data, (slice) => md5.update(slice))
  return md5.digest()
}
