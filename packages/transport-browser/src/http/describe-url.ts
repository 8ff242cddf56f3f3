/** The URL without its query string: queries carry signatures and tokens. */
export function describeUrl(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}
