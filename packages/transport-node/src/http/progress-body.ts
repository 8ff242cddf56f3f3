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

/** A Buffer over the same memory as `bytes` (undici copies plain Uint8Arrays). */
export function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
}

/**
 * Yields `body` in slices (views, no copies) and reports the bytes the connection has taken so far: undici asks
 * for the next slice only once the previous one was written, so the count follows the socket.
 */
export async function* progressBody(
  body: Uint8Array,
  onProgress: (sentBytes: number) => void,
): AsyncGenerator<Buffer> {
  const view = bufferView(body)
  const slice = progressSliceBytes(body.length)
  let sent = 0
  while (sent < body.length) {
    const end = Math.min(sent + slice, body.length)
    yield view.subarray(sent, end)
    sent = end
    onProgress(sent)
  }
}
