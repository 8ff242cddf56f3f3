import type { ClientRequest } from 'node:http'
import type { BandwidthLimit } from './bandwidth-limit'

/** Smallest slice a body is written in when its progress is reported. */
export const MIN_PROGRESS_SLICE_BYTES = 64 * 1024
/** Largest slice: fewer, larger writes cost less CPU per byte, at the price of coarser progress. */
export const MAX_PROGRESS_SLICE_BYTES = 256 * 1024
/** Progress reports a body gets when its size allows: one per slice. */
const SLICES_PER_BODY = 32

/** The slice size for a body: about {@link SLICES_PER_BODY} reports, within the bounds above. */
export function progressSliceBytes(bodyLength: number): number {
  const even = Math.ceil(bodyLength / SLICES_PER_BODY)
  return Math.min(MAX_PROGRESS_SLICE_BYTES, Math.max(MIN_PROGRESS_SLICE_BYTES, even))
}

/** A Buffer over the same memory as `bytes` (no copy). */
export function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
}

/** How a body is written. */
export interface BodyWriting {
  /** Called with the bytes the connection has taken so far, after each slice. */
  onProgress?: (sentBytes: number) => void
  /** The transport's bandwidth cap, if any. */
  limit?: BandwidthLimit
}

/**
 * Sends `body` and ends the request. Without progress or cap, in one write. Otherwise in slices (views, no copies),
 * each written once the socket took the one before, so the progress count follows the socket and the cap paces
 * every slice; a request destroyed meanwhile (cancel, timeout, early answer) stops the loop. One `close` listener
 * serves the whole body (a listener added and removed per slice cost measurable CPU at thousands of slices per GiB).
 */
export async function writeBody(
  request: ClientRequest,
  body: Uint8Array,
  { onProgress, limit }: BodyWriting,
): Promise<void> {
  const view = bufferView(body)
  if (!onProgress && !limit) {
    request.end(view)
    return
  }
  let slice = progressSliceBytes(body.length)
  if (limit) slice = limit.sliceBytes(slice)
  // Settles the slice being written: by its write callback, or by the request's close (a destroyed request may
  // never call it back).
  let settle: (() => void) | undefined
  const onClose = () => settle?.()
  request.once('close', onClose)
  try {
    let sent = 0
    while (sent < body.length) {
      const end = Math.min(sent + slice, body.length)
      if (limit) await limit.take(end - sent)
      if (request.destroyed) return
      await new Promise<void>((resolve) => {
        settle = resolve
        request.write(view.subarray(sent, end), () => resolve())
      })
      settle = undefined
      if (request.destroyed) return
      sent = end
      onProgress?.(sent)
    }
    request.end()
  } finally {
    request.off('close', onClose)
  }
}
