import type { Clock } from '../clock.js'
import type { CorsController } from '../cors/cors-controller.js'
import { corsAnswerHeaders, findCorsRule } from '../cors/cors-rule.js'
import type { CredentialStore } from '../credentials.js'
import type { FaultController } from '../faults.js'
import type { RequestContext } from '../http/context.js'
import type { ObjectStore } from '../storage/object-store.js'

/** What the OSS handlers use. */
export interface OssDeps {
  store: ObjectStore
  credentials: CredentialStore
  clock: Clock
  faults: FaultController
  cors: CorsController
  region: string
  /** The emulator's base URL. */
  baseUrl: () => string
}

/** A request's OSS coordinates. */
export interface OssRequest {
  ctx: RequestContext
  bucket: string
  key: string
  query: URLSearchParams
  /** Decoded query pairs in order, for signing. */
  queryPairs: [string, string][]
}

/** The `Access-Control-*` headers of an actual (not preflight) request from a page, when a rule allows it. */
function actualRequestCors(ctx: RequestContext, deps: OssDeps): Record<string, string> {
  const origin = ctx.req.headers.origin
  const method = ctx.req.method ?? 'GET'
  if (!origin || method === 'OPTIONS') return {}
  const rules = deps.cors.rulesFor(ctx.bucket)
  if (!rules) return {}
  const question = { origin, method, headers: [] }
  const match = findCorsRule(rules, question)
  return match ? corsAnswerHeaders(match, question, false) : {}
}

/** Headers every OSS response carries (and CORS headers where the bucket's rules allow the page). */
export function ossResponseHeaders(ctx: RequestContext, deps: OssDeps): Record<string, string> {
  return {
    Server: 'AliyunOSS',
    Date: deps.clock.date().toUTCString(),
    'x-oss-request-id': ctx.requestId,
    ...actualRequestCors(ctx, deps),
  }
}

/** Object headers kept at upload and returned on download. */
export function keptHeaders(headers: RequestContext['req']['headers']): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const lower = name.toLowerCase()
    if (
      lower.startsWith('x-oss-meta-') ||
      ['cache-control', 'content-disposition', 'content-encoding', 'expires'].includes(lower)
    ) {
      kept[lower] = Array.isArray(value) ? value.join(',') : value
    }
  }
  return kept
}

/** `"HEX"`: how OSS quotes ETags in headers and XML. */
export const quoted = (etag: string) => `"${etag}"`
