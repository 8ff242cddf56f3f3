import { UploadError, utf8Encode } from '@vodup/core'

/**
 * The limits VOD documents for the parameters userData feeds (CreateUploadVideo, CreateUploadImage), in UTF-8
 * bytes. VOD refuses a longer value only once the upload began, so vodup refuses it at `addFile`.
 */
export const VOD_PARAMETER_LIMITS = {
  Title: 128,
  Description: 1024,
  CoverURL: 1024,
  /** At most this many comma-separated tags... */
  tagCount: 16,
  /** ...of at most this many bytes each. */
  tagBytes: 32,
} as const

/**
 * vodup's caps on the userData text itself. VOD documents none for the whole text; it travels base64-encoded in the
 * `x-oss-notification` header (OSS limits a request's headers to a few KB) and as RPC parameters in a URL, so
 * 4 KiB leaves room for every documented field at its maximum. VOD's documented structures nest 4 levels
 * (`{"Vod":{"UserData":{"MessageCallback":{...}}}}`); 16 is plenty and keeps every walk shallow.
 */
export const USER_DATA_LIMITS = { bytes: 4096, depth: 16 } as const

function invalid(field: string, message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field })
}

/** The UTF-8 length of a text. */
export function utf8Length(text: string): number {
  return utf8Encode(text).length
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that does not split a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text
  let bytes = 0
  let end = 0
  for (const char of text) {
    const size = utf8Length(char)
    if (bytes + size > maxBytes) break
    bytes += size
    end += char.length
  }
  return text.slice(0, end)
}

/** Throws `INVALID_ARGUMENT` on `userData` for a text over {@link USER_DATA_LIMITS}`.bytes` bytes. */
export function checkUserDataSize(text: string): void {
  // Each UTF-16 unit is at least one UTF-8 byte: a longer text is over without encoding it.
  const bytes = text.length > USER_DATA_LIMITS.bytes ? undefined : utf8Length(text)
  if (bytes !== undefined && bytes <= USER_DATA_LIMITS.bytes) return
  throw invalid(
    'userData',
    `userData is ${bytes === undefined ? `over ${USER_DATA_LIMITS.bytes}` : bytes} bytes; vodup accepts at most ${USER_DATA_LIMITS.bytes} (VOD's own fields are small: Title 128 bytes, Description 1024, 16 tags of 32).`,
  )
}

function tooDeep(field: string): UploadError {
  return invalid(
    field,
    `${field} nests objects or arrays more than ${USER_DATA_LIMITS.depth} levels deep (VOD's userData needs 4), or refers to itself.`,
  )
}

/**
 * True when a JSON text nests arrays and objects deeper than `limit`, counted without parsing (strings skipped), so
 * deeply nested input gets a clear message instead of a stack overflow in a parser or a reviver.
 */
export function jsonDepthOver(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      depth++
      if (depth > limit) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}

/** Throws `INVALID_ARGUMENT` on `field` when a JSON text nests deeper than {@link USER_DATA_LIMITS}`.depth`. */
export function checkJsonDepth(text: string, field: string): void {
  if (jsonDepthOver(text, USER_DATA_LIMITS.depth)) throw tooDeep(field)
}

/**
 * Throws `INVALID_ARGUMENT` on `field` when a value (`meta.vod`, a `Vod.UserData` object) nests deeper than
 * {@link USER_DATA_LIMITS}`.depth` (a value that refers to itself nests without end), or holds more than
 * {@link USER_DATA_LIMITS}`.bytes` values. Walks without recursion.
 */
export function checkValueDepth(value: unknown, field: string): void {
  const stack: Array<[unknown, number]> = [[value, 0]]
  let visited = 0
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number]
    if (typeof current !== 'object' || current === null) continue
    if (depth >= USER_DATA_LIMITS.depth) throw tooDeep(field)
    for (const key of Object.keys(current)) {
      if (++visited > USER_DATA_LIMITS.bytes) {
        throw invalid(field, `${field} holds more than ${USER_DATA_LIMITS.bytes} values.`)
      }
      stack.push([(current as Record<string, unknown>)[key], depth + 1])
    }
  }
}
