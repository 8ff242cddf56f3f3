import type { IncomingMessage, ServerResponse } from 'node:http'
import { CONTROL_BODY_LIMIT, type ControlGuard, refuseControl } from './control-guard.js'
import type { CorsController } from './cors/cors-controller.js'
import type { CorsRule } from './cors/cors-rule.js'
import { CONTROL_PREFIX } from './defaults.js'
import type { FaultSettings } from './fault-types.js'
import type { FaultController } from './faults.js'
import type { RequestLog } from './request-log.js'
import type { ObjectStore } from './storage/object-store.js'

/** What the control endpoints reach. */
export interface ControlDeps {
  faults: FaultController
  cors: CorsController
  log: RequestLog
  store: ObjectStore
  info: () => Record<string, unknown>
  /** Set once the server listens (the token, and the hosts and origins that name it). */
  guard: () => ControlGuard
}

/** Sends JSON; `close` ends the connection too, so an unread request body is dropped rather than read. */
function json(res: ServerResponse, status: number, value: unknown, close = false): void {
  const body = Buffer.from(JSON.stringify(value))
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  })
  res.end(body)
}

class BodyOverCap extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > CONTROL_BODY_LIMIT) throw new BodyOverCap()
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  return text ? JSON.parse(text) : {}
}

/**
 * The emulator's own endpoints under `/__vodup/`: faults, CORS rules, request log, uploads, objects.
 * They are not logged and no fault applies to them. Only `GET health` is open; everything else needs the
 * token, and every request must name the emulator by a loopback address and come from no foreign page.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ControlDeps,
) {
  const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '')
  const method = req.method ?? 'GET'
  const refusal = refuseControl(req, deps.guard(), path === 'health' && method === 'GET')
  if (refusal) return json(res, refusal.status, { error: refusal.error }, true)
  try {
    if (path === 'health' && method === 'GET') return json(res, 200, { ok: true })
    if (path === 'info' && method === 'GET') return json(res, 200, deps.info())
    if (path === 'faults') {
      if (method === 'GET') return json(res, 200, deps.faults.state())
      if (method === 'POST') {
        await deps.faults.apply((await readJson(req)) as FaultSettings)
        return json(res, 200, deps.faults.state())
      }
      if (method === 'DELETE') {
        deps.faults.clear()
        return json(res, 200, deps.faults.state())
      }
    }
    if (path === 'faults/expire-tokens' && method === 'POST') {
      await deps.faults.expireAllTokens()
      return json(res, 200, { expired: true })
    }
    if (path === 'cors') {
      if (method === 'GET') return json(res, 200, deps.cors.state())
      if (method === 'PUT') {
        const body = (await readJson(req)) as { rules?: CorsRule[] | null; bucket?: string }
        if (body.rules === undefined)
          throw new TypeError('rules must be an array of CORS rules or null')
        deps.cors.set(body.rules, body.bucket)
        return json(res, 200, deps.cors.state())
      }
      if (method === 'DELETE') {
        deps.cors.reset()
        return json(res, 200, deps.cors.state())
      }
    }
    if (path === 'requests') {
      if (method === 'GET') return json(res, 200, deps.log.list())
      if (method === 'DELETE') {
        deps.log.clear()
        return json(res, 200, [])
      }
    }
    if (path === 'uploads' && method === 'GET') return json(res, 200, deps.store.listUploads())
    if (path.startsWith('objects/') && method === 'GET') {
      const rest = path.slice('objects/'.length)
      const slash = rest.indexOf('/')
      const bucket = decodeURIComponent(rest.slice(0, slash))
      const key = decodeURIComponent(rest.slice(slash + 1))
      const bytes = slash > 0 ? deps.store.readAll(bucket, key) : undefined
      if (!bytes) return json(res, 404, { error: 'NoSuchKey' })
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': bytes.length,
      })
      res.end(bytes)
      return
    }
    json(res, 404, { error: 'unknown control endpoint', path: url.pathname })
  } catch (error) {
    if (error instanceof BodyOverCap)
      return json(res, 413, { error: `bodies of ${CONTROL_BODY_LIMIT} bytes at most` }, true)
    json(res, 400, { error: error instanceof Error ? error.message : String(error) })
  }
}
