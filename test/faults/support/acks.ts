import type { RequestLogEntry } from '@vodup/emulator'

/**
 * An UploadPart answer that acknowledged the part: a 200 as the server made it. A 200 that a `rewriteAnswer` fault
 * changed (its proof of the bytes dropped or altered) is no acknowledgement: the client must send the part again.
 */
export function isAcknowledgement(entry: RequestLogEntry): boolean {
  return entry.operation === 'UploadPart' && entry.status === 200 && !entry.answerRewritten
}

/** Rewritten 200 answers per `uploadId#partNumber`: answers on the wire that were no acknowledgement. */
export function rewrittenAnswers(entries: readonly RequestLogEntry[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const entry of entries) {
    if (entry.operation !== 'UploadPart' || entry.status !== 200 || !entry.answerRewritten) continue
    const key = `${entry.uploadId}#${entry.partNumber}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/**
 * Parts the server acknowledged ({@link isAcknowledgement}) more than once under the same upload id: each extra
 * acknowledgement is a part sent again after the server had it. Must be 0.
 */
export function acknowledgedTwice(entries: readonly RequestLogEntry[]): number {
  const seen = new Set<string>()
  let twice = 0
  for (const entry of entries) {
    if (!isAcknowledgement(entry)) continue
    const key = `${entry.uploadId}#${entry.partNumber}`
    if (seen.has(key)) twice++
    else seen.add(key)
  }
  return twice
}

/**
 * The multipart uploads a log shows initiated and completed, and the parts of the completed ones that were
 * acknowledged ({@link isAcknowledgement}), each counted once.
 */
export function partsOfCompletedUploads(entries: readonly RequestLogEntry[]): {
  initiated: number
  completed: number
  acknowledged: number
} {
  const completed = new Set(
    entries
      .filter((e) => e.operation === 'CompleteMultipartUpload' && e.status === 200)
      .map((e) => e.uploadId),
  )
  const acknowledged = new Set(
    entries
      .filter((e) => isAcknowledgement(e) && completed.has(e.uploadId))
      .map((e) => `${e.uploadId}#${e.partNumber}`),
  )
  return {
    initiated: entries.filter((e) => e.operation === 'InitiateMultipartUpload' && e.status === 200)
      .length,
    completed: completed.size,
    acknowledged: acknowledged.size,
  }
}
