import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach } from 'vitest'

/** What the server saw of one request. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

const running: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()))
})

/**
 * A local HTTP server on 127.0.0.1 for watching the wire: it records each request's method, headers and body and
 * counts connections. `handler` answers (default 200 "ok"); `onRequest` may act before the body is read (to reset
 * or stall a connection); `tls` makes it an HTTPS server.
 */
export async function wireServer(
  handler: Handler = (_req, res) => res.end('ok'),
  onRequest?: (req: IncomingMessage, res: ServerResponse) => boolean | undefined,
  tls?: { cert: string; key: string },
) {
  const seen: SeenRequest[] = []
  const sockets = new Set<Socket>()
  let connections = 0
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (onRequest?.(req, res)) return
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      handler(req, res, body)
    })
  }
  const server = tls ? createTlsServer(tls, listener) : createServer(listener)
  server.on(tls ? 'secureConnection' : 'connection', (socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  running.push(stop)
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    get connections() {
      return connections
    },
    stop,
  }
}
