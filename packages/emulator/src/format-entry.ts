import { printable } from './printable.js'
import type { RequestLogEntry } from './request-log.js'

/** One human-readable line per request, for the command's output: no secret, no control character. */
export function formatEntry(entry: RequestLogEntry): string {
  const target = entry.bucket ? ` ${entry.bucket}/${entry.key ?? ''}` : ''
  const part = entry.partNumber !== undefined ? ` part=${entry.partNumber}` : ''
  const code = entry.code ? ` ${entry.code}` : ''
  return printable(
    `${entry.time} ${entry.operation}${target}${part} -> ${entry.status}${code} (${entry.bytes} bytes)`,
  )
}
