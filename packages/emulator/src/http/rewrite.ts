import type { OutgoingHttpHeaders } from 'node:http'
import type { BodyPadding, RewriteAnswerFault } from '../fault-types.js'

const FILLER = Buffer.alloc(64 * 1024, 'x')

/** Status and headers of an answer, as a `rewriteAnswer` fault changes them (Content-Length left to the sender). */
export function rewriteHead(
  rewrite: RewriteAnswerFault,
  status: number,
  headers: OutgoingHttpHeaders,
): { status: number; headers: OutgoingHttpHeaders } {
  const dropped = new Set(
    [...(rewrite.removeHeaders ?? []), ...Object.keys(rewrite.setHeaders ?? {})].map((name) =>
      name.toLowerCase(),
    ),
  )
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !dropped.has(name.toLowerCase())),
  )
  return { status: rewrite.status ?? status, headers: { ...kept, ...rewrite.setHeaders } }
}

/** The size of `body` once padded. */
export function paddedSize(body: Buffer, padding: BodyPadding): number {
  return Math.max(body.length, padding.bytes)
}

/**
 * `body` grown to `padding.bytes` with filler inserted after the first `padding.after` (or at the end), made
 * as it is read: the filler is one shared 64 KiB buffer, so any size costs no memory.
 */
export async function* paddedBody(body: Buffer, padding: BodyPadding): AsyncGenerator<Buffer> {
  const found = padding.after === undefined ? -1 : body.indexOf(padding.after)
  const cut = found < 0 ? body.length : found + Buffer.byteLength(padding.after!)
  yield body.subarray(0, cut)
  let left = paddedSize(body, padding) - body.length
  while (left > 0) {
    const piece = left >= FILLER.length ? FILLER : FILLER.subarray(0, left)
    left -= piece.length
    yield piece
  }
  yield body.subarray(cut)
}
