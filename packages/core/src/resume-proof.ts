import type { PartRecord } from './checkpoint'
import type { PlannedPart } from './part-plan'
import { runPool } from './part-pool'
import { targetContext, type UploadSession } from './upload-session'

/** What reconciling a checkpoint with the server's parts decided. */
export type Reconciled =
  | { kind: 'parts'; done: Map<number, PartRecord> }
  /** A part of the checkpoint no longer matches the local bytes: the file changed since it was sent. */
  | { kind: 'changed'; partNumber: number }

/** True when two ETags are equal, quotes and case aside. */
export function sameEtag(a: string, b: string): boolean {
  const norm = (etag: string) => etag.replace(/"/g, '').trim().toUpperCase()
  return norm(a) === norm(b)
}

/**
 * Decides which parts need not be sent again, proving each against the local bytes first (local reads only): a
 * part the checkpoint recorded and the server lists alike must still give its recorded proof (its CRC-64), else
 * the file changed; a part the server holds that the checkpoint missed (a crash between the acknowledgement and
 * the save) is adopted when the local bytes give the server's proof, and sent again when not. A target that cannot
 * prove parts (`verifyPart` absent) keeps only the checkpoint's parts that the server lists with the same ETag.
 */
export async function reconcile(
  session: UploadSession,
  ranges: PlannedPart[],
  saved: PartRecord[],
  held: PartRecord[],
): Promise<Reconciled> {
  const { host, source } = session
  const savedByNumber = new Map(saved.map((p) => [p.n, p]))
  const heldByNumber = new Map(held.map((p) => [p.n, p]))
  const done = new Map<number, PartRecord>()
  const verify = host.target.verifyPart?.bind(host.target)
  const candidates: Array<{ range: PlannedPart; claimed: PartRecord; recorded: boolean }> = []
  for (const range of ranges) {
    const server = heldByNumber.get(range.partNumber)
    const size = range.end - range.start
    if (!server || server.size !== size) continue
    const local = savedByNumber.get(range.partNumber)
    const recorded =
      local !== undefined &&
      sameEtag(local.etag, server.etag) &&
      (local.crc64 === undefined || server.crc64 === undefined || local.crc64 === server.crc64)
    if (!verify) {
      if (recorded) done.set(range.partNumber, { ...local, size })
      continue
    }
    const claimed: PartRecord = recorded
      ? {
          ...local,
          size,
          ...(local.crc64 === undefined && server.crc64 ? { crc64: server.crc64 } : {}),
        }
      : {
          n: range.partNumber,
          etag: server.etag,
          size,
          ...(server.crc64 ? { crc64: server.crc64 } : {}),
        }
    candidates.push({ range, claimed, recorded })
  }
  if (!verify || candidates.length === 0) return { kind: 'parts', done }

  let changed: number | undefined
  await runPool(session, candidates, async ({ range, claimed, recorded }) => {
    if (changed !== undefined) return
    const body = await source.read(range.start, range.end)
    let proven: PartRecord | undefined
    try {
      proven = await verify(targetContext(session), body, claimed)
    } finally {
      source.release?.(body)
    }
    if (proven) done.set(range.partNumber, { ...proven, n: range.partNumber, size: claimed.size })
    else if (recorded) changed ??= range.partNumber
  })
  return changed !== undefined ? { kind: 'changed', partNumber: changed } : { kind: 'parts', done }
}
