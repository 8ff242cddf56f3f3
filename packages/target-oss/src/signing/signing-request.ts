/** What an OSS signature covers. Values are unencoded; the signers encode where the algorithm says. */
export interface OssSigningRequest {
  /** HTTP method, e.g. `PUT`. */
  method: string
  /** Bucket name; omit for service-level requests. */
  bucket?: string
  /** Object key, unencoded (`videos/a b.mp4`). */
  objectKey?: string
  /**
   * Query parameters, unencoded. `null` (or an empty string) means a parameter without a value, as in
   * `?uploads`. V1 signs only OSS's sub-resources among them; V4 signs them all.
   */
  query?: Readonly<Record<string, string | null | undefined>>
  /** Request headers (any case). V1 and V4 sign `Content-Type`, `Content-MD5` and every `x-oss-*` header. */
  headers: Readonly<Record<string, string>>
}

/** Headers with lower-case names and trimmed values; of two names differing in case, the later wins. */
export function lowerCaseHeaders(
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(headers)) out[name.toLowerCase()] = String(headers[name]).trim()
  return out
}

/** Query entries whose value is set, sorted by name in code-unit order. */
export function sortedQuery(query: OssSigningRequest['query']): Array<[string, string | null]> {
  if (!query) return []
  return Object.keys(query)
    .filter((name) => query[name] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => {
      const value = query[name]
      return [name, value === '' || value === undefined ? null : value]
    })
}
