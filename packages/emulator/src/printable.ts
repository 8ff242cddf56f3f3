/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts the ANSI sequences that
 * move the cursor, recolour or retitle a terminal), DEL, line and paragraph separators, and the bidirectional
 * overrides that make text read differently from what it holds.
 */
const UNPRINTABLE = /[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

/**
 * `text` safe to write to a terminal: every control character becomes a visible escape (`\x1b`, `\u202e`).
 * Object keys, bucket names and actions come from whoever sends a request, so the emulator prints nothing
 * without it.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
