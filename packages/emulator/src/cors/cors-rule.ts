/** An HTTP method a CORS rule may allow (OSS's AllowedMethod values). */
export type CorsMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD'

/**
 * One bucket CORS rule, as OSS's PutBucketCors takes it (`CORSRule`), in JSON: `allowedOrigins` is
 * AllowedOrigin, `allowedMethods` AllowedMethod, and so on. Origins and headers may hold one `*` each.
 */
export interface CorsRule {
  /** Origins allowed, e.g. `https://app.example.com`, `http://127.0.0.1:*` or `*`. */
  allowedOrigins: string[]
  /** Methods allowed for the actual request. */
  allowedMethods: CorsMethod[]
  /** Request headers a preflight may ask for (case-insensitive), e.g. `*` or `x-oss-*`. */
  allowedHeaders?: string[]
  /** Response headers the page may read (no wildcard), e.g. `ETag`. */
  exposeHeaders?: string[]
  /** How long a browser may cache the preflight, in seconds. */
  maxAgeSeconds?: number
  /** Answer `Vary: Origin`. */
  responseVary?: boolean
}

const METHODS: readonly string[] = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD']
/** OSS takes at most 10 rules per bucket. */
const MAX_RULES = 10
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * The rule a bucket has until told otherwise: any origin, every method, any request header, and the
 * response headers an uploader in a page must read.
 */
export const DEFAULT_CORS_RULE: Readonly<CorsRule> = Object.freeze({
  allowedOrigins: Object.freeze(['*']),
  allowedMethods: Object.freeze(['PUT', 'POST', 'GET', 'HEAD', 'DELETE']),
  allowedHeaders: Object.freeze(['*']),
  exposeHeaders: Object.freeze(['ETag', 'x-oss-request-id', 'x-oss-hash-crc64ecma']),
}) as CorsRule

function stringList(value: unknown, field: string, required: boolean): string[] | undefined {
  if (value === undefined && !required) return undefined
  if (!Array.isArray(value) || (required && value.length === 0))
    throw new TypeError(`${field} must be ${required ? 'a non-empty' : 'an'} array of strings`)
  return value.map((item, index) => {
    if (typeof item !== 'string' || item === '' || item.length > 1024)
      throw new TypeError(`${field}[${index}] must be a non-empty string`)
    return item
  })
}

function atMostOneStar(list: string[] | undefined, field: string): void {
  list?.forEach((item, index) => {
    if (item.indexOf('*') !== item.lastIndexOf('*'))
      throw new TypeError(`${field}[${index}] may hold one "*" at most, got "${item}"`)
  })
}

/** Checks a rule list as OSS's PutBucketCors would, naming the bad field; returns copies. */
export function validateCorsRules(rules: unknown, field = 'rules'): CorsRule[] {
  if (!Array.isArray(rules)) throw new TypeError(`${field} must be an array of CORS rules or null`)
  if (rules.length > MAX_RULES) throw new RangeError(`${field} may hold ${MAX_RULES} rules at most`)
  return rules.map((raw: unknown, i) => {
    const at = `${field}[${i}]`
    if (typeof raw !== 'object' || raw === null) throw new TypeError(`${at} must be an object`)
    const rule = raw as Record<string, unknown>
    for (const name of Object.keys(rule)) {
      if (
        ![
          'allowedOrigins',
          'allowedMethods',
          'allowedHeaders',
          'exposeHeaders',
          'maxAgeSeconds',
          'responseVary',
        ].includes(name)
      )
        throw new TypeError(`${at}.${name} is not a CORS rule field`)
    }
    const origins = stringList(rule.allowedOrigins, `${at}.allowedOrigins`, true)!
    atMostOneStar(origins, `${at}.allowedOrigins`)
    const methods = stringList(rule.allowedMethods, `${at}.allowedMethods`, true)!
    methods.forEach((method, j) => {
      if (!METHODS.includes(method))
        throw new TypeError(
          `${at}.allowedMethods[${j}] must be one of ${METHODS.join(', ')}, got "${method}"`,
        )
    })
    const headers = stringList(rule.allowedHeaders, `${at}.allowedHeaders`, false)
    atMostOneStar(headers, `${at}.allowedHeaders`)
    const expose = stringList(rule.exposeHeaders, `${at}.exposeHeaders`, false)
    expose?.forEach((name, j) => {
      if (!TOKEN.test(name) || name.includes('*'))
        throw new TypeError(
          `${at}.exposeHeaders[${j}] must be a header name without "*", got "${name}"`,
        )
    })
    const maxAge = rule.maxAgeSeconds
    if (
      maxAge !== undefined &&
      (!Number.isInteger(maxAge) || (maxAge as number) < 0 || (maxAge as number) > 2 ** 31 - 1)
    )
      throw new TypeError(`${at}.maxAgeSeconds must be an integer of seconds >= 0`)
    if (rule.responseVary !== undefined && typeof rule.responseVary !== 'boolean')
      throw new TypeError(`${at}.responseVary must be a boolean`)
    return {
      allowedOrigins: origins,
      allowedMethods: methods as CorsMethod[],
      ...(headers ? { allowedHeaders: headers } : {}),
      ...(expose ? { exposeHeaders: expose } : {}),
      ...(maxAge !== undefined ? { maxAgeSeconds: maxAge as number } : {}),
      ...(rule.responseVary !== undefined ? { responseVary: rule.responseVary as boolean } : {}),
    }
  })
}

/** Matches `text` against a pattern holding at most one `*`. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const star = pattern.indexOf('*')
  if (star < 0) return pattern === text
  const head = pattern.slice(0, star)
  const tail = pattern.slice(star + 1)
  return text.length >= head.length + tail.length && text.startsWith(head) && text.endsWith(tail)
}

/** What a browser asks: the page's origin, the method of the actual request, the headers it will send. */
export interface CorsQuestion {
  origin: string
  method: string
  /** Lower-case header names (preflights only). */
  headers: string[]
}

/** The first rule that allows the request, as OSS picks it, and the origin pattern that matched. */
export function findCorsRule(
  rules: readonly CorsRule[],
  question: CorsQuestion,
): { rule: CorsRule; origin: string } | undefined {
  for (const rule of rules) {
    const origin = rule.allowedOrigins.find((pattern) => wildcardMatch(pattern, question.origin))
    if (origin === undefined) continue
    if (!rule.allowedMethods.includes(question.method as CorsMethod)) continue
    const allowed = (rule.allowedHeaders ?? []).map((h) => h.toLowerCase())
    if (!question.headers.every((name) => allowed.some((pattern) => wildcardMatch(pattern, name))))
      continue
    return { rule, origin }
  }
  return undefined
}

/** The `Access-Control-*` headers of an answer allowed by `rule` (`preflight` adds the cache and header lists). */
export function corsAnswerHeaders(
  match: { rule: CorsRule; origin: string },
  question: CorsQuestion,
  preflight: boolean,
): Record<string, string> {
  const { rule } = match
  return {
    'Access-Control-Allow-Origin': match.origin === '*' ? '*' : question.origin,
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
    ...(preflight && question.headers.length > 0
      ? { 'Access-Control-Allow-Headers': question.headers.join(', ') }
      : {}),
    ...(rule.exposeHeaders?.length
      ? { 'Access-Control-Expose-Headers': rule.exposeHeaders.join(', ') }
      : {}),
    ...(preflight && rule.maxAgeSeconds !== undefined
      ? { 'Access-Control-Max-Age': String(rule.maxAgeSeconds) }
      : {}),
    ...(rule.responseVary ? { Vary: 'Origin' } : {}),
  }
}

/** The header names of an `Access-Control-Request-Headers` value, lower case. */
export function requestedHeaders(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
}
