import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { perFile } from '#test-support'

/** A request the local server received. */
export interface Received {
  method: string
  url: string
  /** Header names as sent (from rawHeaders), last value wins. */
  headers: Record<string, string>
  body: Buffer
}

/**
 * A plain node:http server on 127.0.0.1 for the double's own tests. Routes: `/status/<code>` answers that status
 * with an XML body and `ETag` / `X-Request-Id` headers; `/json` answers JSON; `/slow` answers after `?ms=`
 * (default: never); `/big?bytes=N` answers 403 with N bytes of XML error (`&chunked` without a Content-Length);
 * anything else echoes 200 with the body's length.
 */
export async function startLocalServer(): Promise<{
  url: string
  received: Received[]
  close(): Promise<void>
}> {
  const received: Received[] = []
  const pending = new Set<ServerResponse>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const headers: Record<string, string> = {}
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers[req.rawHeaders[i]] = req.rawHeaders[i + 1]
      const body = Buffer.concat(chunks)
      received.push({ method: req.method ?? '', url: req.url ?? '', headers, body })
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const status = /^\/status\/(\d+)$/.exec(url.pathname)
      if (status) {
        res.writeHead(Number(status[1]), {
          ETag: '"5D41402ABC4B2A76B9719D911017C592"',
          'X-Request-Id': 'req-1',
          'Set-Cookie': 'a=1',
          'Content-Type': 'application/xml',
        })
        res.end('<Error><Code>Oops</Code></Error>')
      } else if (url.pathname === '/json') {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end('{"ok":true}')
      } else if (url.pathname === '/big') {
        const size = Number(url.searchParams.get('bytes'))
        const body = `<Error><Code>Big</Code><Message>${'A'.repeat(Math.max(0, size - 50))}</Message></Error>`
        const chunked = url.searchParams.has('chunked')
        res.writeHead(403, {
          'Content-Type': 'application/xml',
          ...(chunked ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
        })
        res.end(body)
      } else if (url.pathname === '/slow') {
        pending.add(res)
        const ms = Number(url.searchParams.get('ms') ?? 'NaN')
        if (Number.isFinite(ms)) setTimeout(() => res.end('late'), ms)
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain', ETag: '"etag"' })
        res.end(`received ${body.length}`)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of pending) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The local server for the tests of a file: started before the first, closed after the last. */
export function useLocalServer(): { readonly url: string; readonly received: Received[] } {
  const server = perFile('The server of useLocalServer()', startLocalServer, (s) => s.close())
  return {
    get url() {
      return server().url
    },
    get received() {
      return server().received
    },
  }
}

/** Promise form of a wx callback API call, for tests: resolves with success, rejects with the fail object. */
export function call<S, F = unknown>(
  invoke: (callbacks: { success: (r: S) => void; fail: (e: F) => void }) => void,
): Promise<S> {
  return new Promise((resolve, reject) => invoke({ success: resolve, fail: reject }))
}

/** Resolves with what `fail` received, or rejects when the call succeeded. */
export function failureOf<F>(
  invoke: (callbacks: { success: (r: unknown) => void; fail: (e: F) => void }) => void,
): Promise<F> {
  return new Promise((resolve, reject) =>
    invoke({ success: () => reject(new Error('expected the call to fail')), fail: resolve }),
  )
}
