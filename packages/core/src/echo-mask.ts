import type { HttpRequest } from './http'

/** Request headers that carry a credential or a signature (lower case). */
const SECRET_HEADERS = ['authorization', 'x-oss-security-token', 'x-acs-security-token']
/** Query parameters that carry a credential or a signature (presigned OSS URLs, VOD RPC calls). */
const SECRET_PARAMETERS = new Set([
  'signature',
  'x-oss-signature',
  'securitytoken',
  'security-token',
  'x-oss-security-token',
])
/** Shorter values are not looked for: they could match ordinary text. */
const MIN_SECRET_LENGTH = 8

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/**
 * The values of a signed request's secret-bearing fields, found by structure (its `Authorization` header and the
 * signature inside it, security-token headers, signature and token query parameters), never by guessing at text.
 */
export function secretValuesOf(request: Pick<HttpRequest, 'headers' | 'url'>): string[] {
  const values: string[] = []
  for (const name of Object.keys(request.headers)) {
    if (!SECRET_HEADERS.includes(name.toLowerCase())) continue
    const value = request.headers[name]
    values.push(value)
    // `OSS <id>:<signature>` (V1) or `…, Signature=<hex>` (V4).
    const signature =
      /Signature=([^,\s]+)/.exec(value)?.[1] ?? /^OSS [^:\s]+:(\S+)$/.exec(value)?.[1]
    if (signature) values.push(signature)
  }
  const query = request.url.indexOf('?')
  if (query >= 0) {
    for (const pair of request.url
      .slice(query + 1)
      .split('#')[0]
      .split('&')) {
      const equals = pair.indexOf('=')
      if (equals < 0) continue
      if (!SECRET_PARAMETERS.has(decode(pair.slice(0, equals)).toLowerCase())) continue
      values.push(pair.slice(equals + 1), decode(pair.slice(equals + 1)))
    }
  }
  return values.filter((value) => value.length >= MIN_SECRET_LENGTH)
}

/**
 * The values of a signed form's secret-bearing fields (a form upload's `signature`, `x-oss-security-token`...), by
 * the same names as the query parameters of {@link secretValuesOf}.
 */
export function secretFieldValuesOf(fields: Record<string, string>): string[] {
  return Object.keys(fields)
    .filter((name) => SECRET_PARAMETERS.has(name.toLowerCase()))
    .map((name) => fields[name])
    .filter((value) => value.length >= MIN_SECRET_LENGTH)
}

/**
 * Response headers as observers may see them: where a server echoes one of the request's own secret-bearing values
 * (a hostile or broken server repeating the `Authorization` header), the value is masked.
 */
export function maskEchoedHeaders(
  headers: Record<string, string>,
  secrets: readonly string[],
): Record<string, string> {
  if (secrets.length === 0) return headers
  let masked: Record<string, string> | undefined
  for (const name of Object.keys(headers)) {
    let value = headers[name]
    for (const secret of secrets)
      if (value.includes(secret)) value = value.split(secret).join('***')
    if (value !== headers[name]) {
      masked ??= { ...headers }
      masked[name] = value
    }
  }
  return masked ?? headers
}
