import type { OutgoingHttpHeaders } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BodyPadding, RewriteAnswerFault } from '../fault-types.js'
import type { RequestContext } from './context.js'
import { fillEcho } from './echo.js'
import { paddedBody, paddedSize, rewriteHead } from './rewrite.js'

/** Destroys the connection in place of an answer with `status`, when a `loseAnswer` fault asks; true if it did. */
function loseAnswer(ctx: RequestContext, status: number): boolean {
  if (!ctx.loseAnswer) return false
  ctx.lostStatus = status
  ctx.req.socket.destroy()
  return true
}

/** The request's `rewriteAnswer` fault with its placeholders filled from the request, if one was claimed. */
function echoed(ctx: RequestContext): RewriteAnswerFault | undefined {
  const rewrite = ctx.rewrite
  if (!rewrite) return undefined
  return {
    ...rewrite,
    ...(rewrite.body !== undefined ? { body: fillEcho(rewrite.body, ctx) } : {}),
    ...(rewrite.setHeaders
      ? {
          setHeaders: Object.fromEntries(
            Object.entries(rewrite.setHeaders).map(([name, value]) => [
              name,
              fillEcho(value, ctx, true),
            ]),
          ),
        }
      : {}),
  }
}

/** Headers with the padded body's `Content-Length`, or without any when the padding is sent unsized (chunked). */
function sized(
  headers: OutgoingHttpHeaders,
  size: number,
  padding: BodyPadding,
): OutgoingHttpHeaders {
  const rest = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  )
  return padding.unsized ? rest : { ...rest, 'Content-Length': size }
}

/** Writes the head and pipes `body` out, throttled when bandwidth is limited. */
async function pipeBody(
  ctx: RequestContext,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Readable,
): Promise<void> {
  const { res } = ctx
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

/** Sends a complete response with a fixed body (rewritten first when a `rewriteAnswer` fault asks). */
export function send(
  ctx: RequestContext,
  status: number,
  headers: OutgoingHttpHeaders,
  body?: string | Buffer,
): void {
  const { res } = ctx
  if (res.headersSent || res.destroyed || loseAnswer(ctx, status)) return
  let payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body
  const head = ctx.req.method === 'HEAD'
  const rewrite = echoed(ctx)
  if (rewrite) {
    ;({ status, headers } = rewriteHead(rewrite, status, headers))
    if (rewrite.body !== undefined) payload = Buffer.from(rewrite.body)
    if (rewrite.padTo && !head) {
      const whole = payload ?? Buffer.alloc(0)
      const size = paddedSize(whole, rewrite.padTo)
      void pipeBody(
        ctx,
        status,
        sized(headers, size, rewrite.padTo),
        Readable.from(paddedBody(whole, rewrite.padTo)),
      )
      return
    }
  }
  res.writeHead(status, {
    ...headers,
    'Content-Length': payload && !head ? payload.length : (headers['Content-Length'] ?? 0),
  })
  if (payload && !head) res.end(payload)
  else res.end()
}

/** Streams a response body (rewritten first when a `rewriteAnswer` fault asks), throttled when bandwidth is limited. */
export async function sendStream(
  ctx: RequestContext,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Readable,
): Promise<void> {
  if (loseAnswer(ctx, status)) {
    body.destroy()
    return
  }
  const rewrite = echoed(ctx)
  if (!rewrite) return pipeBody(ctx, status, headers, body)
  const rewritten = rewriteHead(rewrite, status, headers)
  if (rewrite.body !== undefined) {
    body.destroy()
    const replaced = Buffer.from(rewrite.body)
    const padding = rewrite.padTo ?? { bytes: 0 }
    return pipeBody(
      ctx,
      rewritten.status,
      sized(rewritten.headers, paddedSize(replaced, padding), padding),
      Readable.from(paddedBody(replaced, padding)),
    )
  }
  const length = Number(headers['Content-Length'])
  if (!rewrite.padTo || !Number.isSafeInteger(length))
    return pipeBody(ctx, rewritten.status, rewritten.headers, body)
  // A streamed body is padded at its end.
  const filler = paddedBody(Buffer.alloc(0), { bytes: rewrite.padTo.bytes - length })
  return pipeBody(
    ctx,
    rewritten.status,
    sized(rewritten.headers, Math.max(length, rewrite.padTo.bytes), rewrite.padTo),
    Readable.from(
      (async function* () {
        yield* body as AsyncIterable<Buffer>
        yield* filler
      })(),
    ),
  )
}
