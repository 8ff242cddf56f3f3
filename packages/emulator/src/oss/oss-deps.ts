import type { Clock } from '../clock.js'
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

/** Headers every OSS response carries. */
export function ossResponseHeaders(ctx: RequestContext, deps: OssDeps): Record<string, string> {
  return {
    Server: 'AliyunOSS',
    Date: deps.clock.date().toUTCString(),
    'x-oss-request-id': ctx.requestId,
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
