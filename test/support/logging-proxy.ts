import { createServer, request as forward, type IncomingMessage } from 'node:http'
import { connect, type Socket } from 'node:net'

/** One request a {@link loggingProxy} handled. */
export interface ProxiedRequest {
  /** `CONNECT` for a tunnel (HTTPS), else the forwarded request's method. */
  method: string
  /** `host:port` of a tunnel, or the absolute URL of a forwarded plain-HTTP request. */
  target: string
  /** The `Proxy-Authorization` header the client sent, if any. */
  proxyAuthorization?: string
  /** The status the proxy answered (407 when credentials were required and missing). */
  status: number
}

/** A running {@link loggingProxy}. */
export interface LoggingProxy {
  /** `http://127.0.0.1:<port>`, for `HTTPS_PROXY`, `HTTP_PROXY` or a `proxy` option. */
  readonly url: string
  /** Every request handled, in order. */
  readonly log: ProxiedRequest[]
  /** Closes the proxy and every connection through it. */
  stop(): Promise<void>
}

/** Options of {@link loggingProxy}. */
export interface LoggingProxyOptions {
  /** `user:password` the client must send (Basic `Proxy-Authorization`), else 407. Default: none needed. */
  credentials?: string
}

/**
 * A forward proxy on 127.0.0.1 that logs what goes through it: plain-HTTP requests in absolute form (forwarded as
 * they are) and CONNECT tunnels (HTTPS, whose content it cannot see). For tests of `HTTPS_PROXY` / `HTTP_PROXY`
 * support, in-process or with a CLI subprocess pointed at `url`.
 */
export async function loggingProxy(options: LoggingProxyOptions = {}): Promise<LoggingProxy> {
  const log: ProxiedRequest[] = []
  const sockets = new Set<Socket>()
  const expected = options.credentials
    ? `Basic ${Buffer.from(options.credentials).toString('base64')}`
    : undefined
  const authorized = (request: IncomingMessage, target: string) => {
    const proxyAuthorization = request.headers['proxy-authorization']
    const ok = expected === undefined || proxyAuthorization === expected
    log.push({
      method: request.method ?? '',
      target,
      ...(proxyAuthorization ? { proxyAuthorization } : {}),
      status: ok ? 200 : 407,
    })
    return ok
  }

  const server = createServer((request, response) => {
    const target = request.url ?? ''
    if (!authorized(request, target)) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end()
      return
    }
    const headers = { ...request.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = forward(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => {})
    const target = request.url ?? ''
    if (!authorized(request, target)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      )
      return
    }
    const colon = target.lastIndexOf(':')
    const upstream = connect(Number(target.slice(colon + 1)), target.slice(0, colon), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => {
      sockets.delete(upstream)
      client.destroy()
    })
    upstream.on('error', () => client.destroy())
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
