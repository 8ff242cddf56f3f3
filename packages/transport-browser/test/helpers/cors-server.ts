import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the server saw of one request (preflights included). */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

/** How the CORS server answers a request after its preflight. */
export type Answer = (request: SeenRequest, response: ServerResponse) => void

/**
 * A local server on 127.0.0.1 that answers CORS for any origin (preflights allow every method and header) and
 * exposes the response headers listed in `expose`; `answer` writes each actual response. It records everything
 * it saw. For transport tests of what the browser does with statuses, headers, stalls and bodies.
 */
export async function corsServer(answer: Answer, expose: string[] = []) {
  const seen: SeenRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      }
      seen.push(request)
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*')
      if (expose.length > 0) res.setHeader('Access-Control-Expose-Headers', expose.join(', '))
      if (req.method === 'OPTIONS') {
        res.writeHead(200, {
          'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, HEAD',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
          'Access-Control-Max-Age': '0',
        })
        res.end()
        return
      }
      answer(request, res)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** The requests that were not preflights. */
    actual: () => seen.filter((request) => request.method !== 'OPTIONS'),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
