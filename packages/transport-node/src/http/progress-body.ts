/** Size of the slices a body is written in when its progress is reported. */
export const PROGRESS_CHUNK_BYTES = 64 * 1024

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
  let sent = 0
  while (sent < body.length) {
    const end = Math.min(sent + PROGRESS_CHUNK_BYTES, body.length)
    yield view.subarray(sent, end)
    sent = end
    onProgress(sent)
  }
}
