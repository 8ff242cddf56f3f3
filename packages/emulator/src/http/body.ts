import { setTimeout as sleep } from 'node:timers/promises'
import type { RequestContext } from './context.js'

/** Thrown when a fault reset the connection; nothing must be written afterwards. */
export class ConnectionResetByFault extends Error {
  constructor() {
    super('connection reset by an injected fault')
  }
}

/** Destroys the connection now, as a reset fault asks. */
export function resetConnection(ctx: RequestContext): never {
  ctx.wasReset = true
  ctx.req.socket.destroy()
  throw new ConnectionResetByFault()
}

/** The request body as chunks, counted, throttled and cut off as the faults say. */
export async function* readBody(ctx: RequestContext): AsyncGenerator<Buffer> {
  if (ctx.bodyDone) return
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    ctx.bytes += chunk.length
    if (ctx.reset && ctx.bytes >= ctx.reset.afterBytes) resetConnection(ctx)
    if (ctx.limiters) {
      const delay = ctx.limiters.in.delayFor(chunk.length)
      if (delay > 0) await sleep(delay)
    }
    yield chunk
  }
  ctx.bodyDone = true
}

/** The whole (small) body; throws {@link BodyTooLarge} past `limit` bytes. */
export async function readBodyBuffer(ctx: RequestContext, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of readBody(ctx)) {
    size += chunk.length
    if (size > limit) {
      await drainBody(ctx)
      throw new BodyTooLarge(limit)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Reads and discards what is left of the body, so an error answer does not break the connection. */
export async function drainBody(ctx: RequestContext): Promise<void> {
  if (ctx.bodyDone || ctx.req.readableEnded || ctx.wasReset) return
  for await (const _ of readBody(ctx)) {
    // discard
  }
}

/** A body longer than the operation allows. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`)
  }
}
