/** Parses `getAllResponseHeaders()`: one `name: value` per line, names lower-cased, repeated names joined. */
export function parseResponseHeaders(raw: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  return headers
}

/**
 * Request headers a page may not set (the Fetch standard's forbidden names): XHR drops them with a console
 * error, so they are left out quietly; the browser sends its own.
 */
const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
])

/** True when a page's script may set this request header. */
export function maySetHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return !FORBIDDEN.has(lower) && !lower.startsWith('proxy-') && !lower.startsWith('sec-')
}
