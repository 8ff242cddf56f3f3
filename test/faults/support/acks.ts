import type { RequestLogEntry } from '@vodup/emulator'

/**
 * Parts the server acknowledged (UploadPart answered 200) more than once under the same upload id: each extra
 * acknowledgement is a part sent again after the server had it. Must be 0.
 */
export function acknowledgedTwice(entries: readonly RequestLogEntry[]): number {
  const seen = new Set<string>()
  let twice = 0
  for (const entry of entries) {
    if (entry.operation !== 'UploadPart' || entry.status !== 200) continue
    const key = `${entry.uploadId}#${entry.partNumber}`
    if (seen.has(key)) twice++
    else seen.add(key)
  }
  return twice
}
