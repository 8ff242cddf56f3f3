import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isUploadError, toUploadError, UploadError } from '@vodup/core'
import type { AppServerConfig } from './config'
import { stsToken, uploadAuth } from './handlers'
import { createVodClient } from './vod-client'

const MAX_BODY_BYTES = 64 * 1024

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES)
      throw new UploadError('INVALID_ARGUMENT', 'The request body is too large.', { field: 'body' })
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (text === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new UploadError('INVALID_ARGUMENT', 'The request body is not JSON.', { field: 'body' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UploadError('INVALID_ARGUMENT', 'The request body must be a JSON object.', {
      field: 'body',
    })
  }
  return value as Record<string, unknown>
}

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(JSON.stringify(body))
}

function replyError(res: ServerResponse, error: UploadError) {
  const status = error.code === 'INVALID_ARGUMENT' ? 400 : 502
  const { code, message, field, serverCode, requestId } = error
  reply(res, status, { error: { code, message, field, serverCode, requestId } })
}

/** One line per request: method, path, status, time. Never a body, a key or a token. */
export type RequestLogger = (line: string) => void

/**
 * The app server: `POST /upload-auth` and `POST /sts-token` (when a role is configured), `GET /health`. Signs VOD
 * and STS calls with the configured AccessKey, which no response and no log line ever contains.
 */
export function createAppServer(config: AppServerConfig, log: RequestLogger = () => {}) {
  const vod = createVodClient(config)
  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    '/upload-auth': (body) => uploadAuth(vod, body),
  }
  if (config.roleArn) {
    const roleArn = config.roleArn
    routes['/sts-token'] = (body) => stsToken(vod, roleArn, body)
  }

  const server = createServer(async (req, res) => {
    const started = Date.now()
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    try {
      if (path === '/health' && req.method === 'GET') {
        reply(res, 200, { ok: true })
      } else if (!routes[path]) {
        reply(res, 404, { error: { code: 'NOT_FOUND', message: `No route ${path}.` } })
      } else if (req.method !== 'POST') {
        res.setHeader('allow', 'POST')
        reply(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${path} takes POST.` } })
      } else {
        reply(res, 200, await routes[path](await readJson(req)))
      }
    } catch (thrown) {
      replyError(res, isUploadError(thrown) ? thrown : toUploadError(thrown))
    } finally {
      log(`${req.method} ${path} ${res.statusCode} ${Date.now() - started}ms`)
    }
  })

  return {
    server,
    /** Starts listening; resolves with the base URL. */
    async listen(): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.port, config.host, resolve)
      })
      const { port } = server.address() as AddressInfo
      return `http://${config.host}:${port}`
    },
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    },
  }
}
