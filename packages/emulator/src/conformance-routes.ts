import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Prefix of the routes the transport conformance suite of `@vodup/core/testing` drives: plain HTTP behaviours
 * (echo, an answer that never comes, a reset connection, a long body) that a transport must handle, with no cloud
 * protocol around them. They need no credentials, are never logged or faulted, and answer every origin (CORS),
 * so the suite runs in a browser page too.
 */
export const CONFORMANCE_PREFIX = '/__conformance/'

/** Longest body the echo route reads (the suite sends a few MiB at most). */
const MAX_ECHO_BYTES = 64 * 1024 * 1024
/** Longest body the long-body route sends. */
const MAX_BIG_BYTES = 256 * 1024 * 1024
/** Request ids remembered for the `arrived`/`closed` waits; the oldest are forgotten first. */
const MAX_TRACKED = 1000

/** A text with non-ASCII characters in every echo: the client must decode answers as UTF-8. */
const ECHO_NOTE = 'vodup ✓ 上传 ü'

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': '*',
}

interface Tracked {
  arrived: Promise<void>
  closed: Promise<void>
  markArrived(): void
  markClosed(): void
}

function tracked(): Tracked {
  let markArrived = () => {}
  let markClosed = () => {}
  const arrived = new Promise<void>((resolve) => {
    markArrived = resolve
  })
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve
  })
  return { arrived, closed, markArrived, markClosed }
}

/** The `arrived`/`closed` record of each request id the suite named. */
class RequestTracker {
  private readonly byId = new Map<string, Tracked>()

  get(id: string): Tracked {
    let entry = this.byId.get(id)
    if (!entry) {
      entry = tracked()
      this.byId.set(id, entry)
      if (this.byId.size > MAX_TRACKED) this.byId.delete(this.byId.keys().next().value!)
    }
    return entry
  }
}

function answer(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  if (status === 204 || status === 304) {
    res.writeHead(status, { ...CORS_HEADERS, ...headers })
    res.end()
    return
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Length': String(bytes.length),
    ...headers,
  })
  res.end(bytes)
}

async function readAll(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_ECHO_BYTES) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function statusOf(url: URL, fallback: number): number {
  const status = Number(url.searchParams.get('status') ?? fallback)
  return Number.isInteger(status) && status >= 200 && status <= 599 ? status : fallback
}

function sendBig(res: ServerResponse, url: URL): void {
  const bytes = Math.min(Math.max(0, Number(url.searchParams.get('bytes')) || 0), MAX_BIG_BYTES)
  const chunked = url.searchParams.has('chunked')
  res.writeHead(statusOf(url, 200), {
    ...CORS_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...(chunked ? {} : { 'Content-Length': String(bytes) }),
  })
  const slice = Buffer.alloc(64 * 1024, 'a')
  let left = bytes
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const chunk = slice.subarray(0, Math.min(left, slice.length))
      left -= chunk.length
      if (!res.write(chunk)) {
        res.once('drain', pump)
        return
      }
    }
    if (!res.destroyed) res.end()
  }
  pump()
}

/**
 * Creates the handler of the conformance routes (paths under {@link CONFORMANCE_PREFIX}; each takes `?id=` to be
 * waited on by `arrived` and `closed`):
 *
 * - `echo[?status=N]`: reads the body and answers `status` (200) with JSON `{ method, query, headers, body, note }`
 *   (headers as received, names lower-cased; body in base64; `note` a fixed non-ASCII text) and a mixed-case `X-Conformance-Echo` header.
 * - `hang`: reads the body and never answers; the connection stays until the client drops it.
 * - `reset`: reads the body, then destroys the connection without an answer.
 * - `big?bytes=N[&chunked][&status=N]`: answers N bytes of text, with a Content-Length unless `chunked`.
 * - `arrived?id=X`, `closed?id=X`: answer 200 once the request with that id arrived, or its connection closed.
 * - `OPTIONS` anything: the CORS preflight, allowing every method and header.
 */
export function conformanceRoutes(): (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> {
  const tracker = new RequestTracker()
  return async (req, res, url) => {
    const route = url.pathname.slice(CONFORMANCE_PREFIX.length)
    const id = url.searchParams.get('id')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS_HEADERS,
        'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, HEAD',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Max-Age': '600',
      })
      res.end()
      return
    }
    if (route === 'arrived' || route === 'closed') {
      if (!id) return answer(res, 400, 'id is required')
      const entry = tracker.get(id)
      await (route === 'arrived' ? entry.arrived : entry.closed)
      return answer(res, 200, route)
    }
    if (id) {
      const entry = tracker.get(id)
      entry.markArrived()
      res.once('close', entry.markClosed)
    }
    const body = await readAll(req)
    if (body === undefined) return answer(res, 413, 'body too large')
    switch (route) {
      case 'echo': {
        const echoed = JSON.stringify({
          method: req.method,
          query: url.search,
          headers: req.headers,
          body: body.toString('base64'),
          note: ECHO_NOTE,
        })
        return answer(res, statusOf(url, 200), echoed, {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Conformance-Echo': 'Mixed-Case',
        })
      }
      case 'hang':
        return
      case 'reset':
        req.socket.destroy()
        return
      case 'big':
        return sendBig(res, url)
      default:
        return answer(res, 404, `no conformance route ${route}`)
    }
  }
}
