import type { OutgoingHttpHeaders } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import type { RequestContext } from './context.js'

/** Destroys the connection in place of an answer with `status`, when a `loseAnswer` fault asks; true if it did. */
function loseAnswer(ctx: RequestContext, status: number): boolean {
  if (!ctx.loseAnswer) return false
  ctx.lostStatus = status
  ctx.req.socket.destroy()
  return true
}

/** Sends a complete response with a fixed body. */
export function send(
  ctx: RequestContext,
  status: number,
  headers: OutgoingHttpHeaders,
  body?: string | Buffer,
): void {
  const { res } = ctx
  if (res.headersSent || res.destroyed || loseAnswer(ctx, status)) return
  const payload =
    body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, {
    ...headers,
    'Content-Length':
      payload && ctx.req.method !== 'HEAD' ? payload.length : (headers['Content-Length'] ?? 0),
  })
  if (payload && ctx.req.method !== 'HEAD') res.end(payload)
  else res.end()
}

/** Streams a response body, throttled when bandwidth is limited. */
export async function sendStream(
  ctx: RequestContext,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Readable,
): Promise<void> {
  const { res } = ctx
  if (loseAnswer(ctx, status)) {
    body.destroy()
    return
  }
  res.writeHead(status, headers)
  const limiter = ctx.limiters?.out
  const source = limiter
    ? Readable.from(
        (async function* () {
          for await (const chunk of body as AsyncIterable<Buffer>) {
            const delay = limiter.delayFor(chunk.length)
            if (delay > 0) await sleep(delay)
            yield chunk
          }
        })(),
      )
    : body
  try {
    await pipeline(source, res)
  } catch {
    res.destroy()
  }
}
