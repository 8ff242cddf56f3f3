/** One line of a request log: the emulator's (`status`) or the memory target's (`outcome`). */
export interface LoggedRequest {
  operation: string
  uploadId?: string
  partNumber?: number
  status?: number
  outcome?: string
}

/**
 * How often the server acknowledged each part (an UploadPart answered 200, or `ok` by the memory target), keyed
 * `<uploadId>#<partNumber>`. A part sent again after its acknowledgement counts 2.
 */
export function acknowledgedParts(log: readonly LoggedRequest[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const entry of log) {
    if (entry.operation !== 'UploadPart') continue
    if (entry.status !== 200 && entry.outcome !== 'ok') continue
    const key = `${entry.uploadId}#${entry.partNumber}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}
