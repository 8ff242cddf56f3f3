import { createHash } from 'node:crypto'
import { Crc64 } from '../crc64.js'
import type { BlobStore } from '../storage/blob-store.js'

/** What was received and what was stored. */
export interface ReceivedBlob {
  ref: string
  size: number
  /** MD5 of the received bytes. */
  md5: Buffer
  /** CRC-64 of the received bytes. */
  crcReceived: bigint
  /** CRC-64 of the stored bytes (differs only when the corrupt-part fault hit). */
  crcStored: bigint
}

/**
 * Streams bytes into a new blob while hashing them. With `corrupt`, the first stored byte is
 * flipped, so the stored data no longer matches what the client sent.
 */
export async function receiveBlob(
  chunks: AsyncIterable<Buffer>,
  blobs: BlobStore,
  options: { corrupt?: boolean; maxSize?: number; onTooLarge?: () => Error } = {},
): Promise<ReceivedBlob> {
  const writer = blobs.writer()
  const md5 = createHash('md5')
  const received = new Crc64()
  const stored = options.corrupt ? new Crc64() : received
  let size = 0
  let corruptPending = options.corrupt === true
  try {
    for await (const chunk of chunks) {
      size += chunk.length
      if (options.maxSize !== undefined && size > options.maxSize)
        throw options.onTooLarge?.() ?? new Error('too large')
      md5.update(chunk)
      received.update(chunk)
      let out = chunk
      if (corruptPending && chunk.length > 0) {
        out = Buffer.from(chunk)
        out[0] = out[0]! ^ 0xff
        corruptPending = false
      }
      if (stored !== received) stored.update(out)
      await writer.write(out)
    }
    const ref = await writer.commit()
    return {
      ref,
      size,
      md5: md5.digest(),
      crcReceived: received.digest(),
      crcStored: stored.digest(),
    }
  } catch (error) {
    await writer.discard()
    throw error
  }
}
