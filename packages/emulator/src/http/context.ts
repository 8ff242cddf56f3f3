import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ResetConnectionFault, RewriteAnswerFault } from '../fault-types.js'
import type { RateLimiter } from '../rate-limiter.js'

/** One request in flight, with what the log needs to know about it. */
export interface RequestContext {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly url: URL
  requestId: string
  operation: string
  bucket?: string
  key?: string
  uploadId?: string
  partNumber?: number
  /** Error code sent, if any. */
  code?: string
  /** Request body bytes received so far. */
  bytes: number
  /** True once the body has been read to its end. */
  bodyDone: boolean
  /** True when a fault destroyed the connection. */
  wasReset: boolean
  /** True when a fault will destroy the connection in place of the answer, after the request was served. */
  loseAnswer?: boolean
  /** The status of the answer a `loseAnswer` fault destroyed. */
  lostStatus?: number
  /** Parameters read from the body: OpenAPI parameters (query and form) or PostObject's form fields. */
  params?: Map<string, string>
  /** How a `rewriteAnswer` fault changes the answer, if one was claimed. */
  rewrite?: RewriteAnswerFault
  /** A claimed connection-reset fault. */
  reset?: ResetConnectionFault
  limiters?: { in: RateLimiter; out: RateLimiter }
}
