/** Parses an RFC 1123 date or the V4 basic ISO form `20240101T120000Z`; NaN when neither. */
export function parseRequestTime(value: string | undefined): number {
  if (!value) return Number.NaN
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim())
  if (basic) {
    const [, y, mo, d, h, mi, s] = basic.map(Number) as number[]
    return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)
  }
  return Date.parse(value)
}
