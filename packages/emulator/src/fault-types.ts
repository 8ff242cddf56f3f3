/** Answer the next `count` requests of an operation with this error instead of serving them. */
export interface FailNextFault {
  /** Operation name (`UploadPart`, `CreateUploadVideo`...); omit for any operation. */
  operation?: string
  /** How many requests fail. Default 1. */
  count?: number
  /** HTTP status, e.g. 503. */
  status: number
  /** Error code in the service's error body, e.g. `ServiceUnavailable`. */
  code: string
  /** Error message; a generic one when omitted. */
  message?: string
}

/** Destroy the connection of the next `count` requests once `afterBytes` bytes of their body arrived. */
export interface ResetConnectionFault {
  /** Operation name; omit for any operation. */
  operation?: string
  /** Request body bytes to accept before the reset; 0 resets as soon as the request arrives. */
  afterBytes: number
  /** How many requests are reset. Default 1. */
  count?: number
}

/**
 * Serve the next `count` requests of an operation in full (a part stored, an upload created or completed...), then
 * destroy the connection instead of sending the answer: the client cannot know that the server acted.
 */
export interface LoseAnswerFault {
  /** Operation name; omit for any operation. */
  operation?: string
  /** How many answers are lost. Default 1. */
  count?: number
}

/** Filler bytes that grow an answer's body, streamed (never held in memory). */
export interface BodyPadding {
  /** Size of the padded body in bytes (a body already longer stays as it is). */
  bytes: number
  /** Insert the filler right after the first occurrence of this text (e.g. `<Message>`); default: at the end. */
  after?: string
  /**
   * Send the padded body without a `Content-Length` (chunked), as a server streaming its answer does: a client
   * then learns the size only by reading. Default false.
   */
  unsized?: boolean
}

/**
 * Serve the next `count` requests of an operation as usual (a part stored, an upload completed...), then send
 * an answer changed as a broken or hostile server would: another status, headers dropped or set, another body,
 * a body padded to any size. It also rewrites the error answers of `failNext`.
 */
export interface RewriteAnswerFault {
  /** Operation name; omit for any operation. */
  operation?: string
  /** Only UploadPart requests of this part number. */
  partNumber?: number
  /** How many answers are rewritten. Default 1. */
  count?: number
  /** Status to answer instead. */
  status?: number
  /** Response headers to drop, any case: e.g. `['x-oss-hash-crc64ecma']` or `['ETag']`. */
  removeHeaders?: string[]
  /** Response headers to set or replace: e.g. `{ 'x-oss-hash-crc64ecma': '1' }`. */
  setHeaders?: Record<string, string>
  /** Body to answer instead (UTF-8 text), e.g. an `<Error>` document with status 200. */
  body?: string
  /** Grow the body to this size with filler. */
  padTo?: BodyPadding
}

/**
 * ListParts answers a hostile server gives (for the requests of an upload that exists):
 * - `endless`: every page says `IsTruncated=true` and a `NextPartNumberMarker` past the one asked for, with
 *   generated parts after the marker, for ever;
 * - `stuck`: the same, but the marker never advances;
 * - `huge`: one page of `parts` generated parts (default 1,000,000), `IsTruncated=false`, streamed.
 */
export interface HostileListPartsFault {
  mode: 'endless' | 'stuck' | 'huge'
  /** Parts per page (`endless`, `stuck`: default the `max-parts` asked, at most 1000) or in all (`huge`). */
  parts?: number
  /** How many ListParts answers. Default: every one until cleared. */
  count?: number
}

/** Counted faults that affect UploadPart only. */
export interface CountFault {
  /** How many parts are affected. Default 1. */
  count?: number
}

/** Faults as one JSON-friendly object: the `faults` start option and the body of `POST /__vodup/faults`. */
export interface FaultSettings {
  /** Clear every fault first. */
  clear?: boolean
  /** Expire every token issued so far. */
  expireAllTokens?: boolean
  failNext?: FailNextFault | FailNextFault[]
  resetConnection?: ResetConnectionFault | ResetConnectionFault[]
  loseAnswer?: LoseAnswerFault | LoseAnswerFault[]
  /** Delay before each request is served, in ms (or `{ ms, operation }`); `null` or 0 removes it. */
  latency?: number | { ms: number; operation?: string } | null
  /** Bytes per second for request and response bodies (or `{ bytesPerSecond, operation }`); `null` removes it. */
  bandwidth?: number | { bytesPerSecond: number; operation?: string } | null
  /** Server clock offset from real time, in ms. */
  skewClock?: number
  corruptNextPart?: CountFault
  wrongEtagNext?: CountFault
  rewriteAnswer?: RewriteAnswerFault | RewriteAnswerFault[]
  /** A ListParts answer no honest server gives; `null` removes it. */
  hostileListParts?: HostileListPartsFault | null
}

/** What is in force right now (`GET /__vodup/faults`). */
export interface FaultState {
  failNext: (FailNextFault & { count: number })[]
  resetConnection: (ResetConnectionFault & { count: number })[]
  loseAnswer: (LoseAnswerFault & { count: number })[]
  latency: { ms: number; operation?: string } | null
  bandwidth: { bytesPerSecond: number; operation?: string } | null
  clockSkewMs: number
  corruptNextPart: number
  wrongEtagNext: number
  rewriteAnswer: (RewriteAnswerFault & { count: number })[]
  /** `count` is absent while it lasts until cleared. */
  hostileListParts: HostileListPartsFault | null
}
