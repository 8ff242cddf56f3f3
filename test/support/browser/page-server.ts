import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A route of the page server: its content type and body (computed on each request). */
export interface PageRoute {
  type: string
  body: () => string | Buffer | Promise<string | Buffer>
}

/** The origin pages are served from in browser tests: another port than the emulator's, so CORS is real. */
export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** Adds or replaces a route (`/index.html`...). */
  route(path: string, route: PageRoute): void
  stop(): Promise<void>
}

/** Starts a static server on 127.0.0.1 (a free port) serving the given routes; 404 for anything else. */
export async function startPageServer(routes: Record<string, PageRoute> = {}): Promise<PageServer> {
  const table = new Map(Object.entries(routes))
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0]
    const route = table.get(path === '/' ? '/index.html' : path)
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    try {
      const body = await route.body()
      response.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(body)
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    route: (path, route) => table.set(path, route),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A minimal HTML page with a file input that loads `scripts` in order, then `/page.js`. */
export function pageHtml(title: string, scripts: readonly string[] = []): string {
  const tags = [...scripts, '/page.js'].map((src) => `<script src="${src}"></script>`).join('')
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body><input type="file" id="file" multiple>${tags}</body></html>`
}
