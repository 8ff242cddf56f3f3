import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { type RunningAppServer, startAppServer } from '@vodup-example/app-server'

const PUBLIC = join(import.meta.dirname, '..', 'public')
const MAX_BODY_BYTES = 64 * 1024

/** Where the drop-in's web file is: `dist/vodupload.web.js` of the installed package. */
function dropInPath(): string {
  const manifest = createRequire(import.meta.url).resolve('@vodup/vodupload-compat/package.json')
  return join(dirname(manifest), 'dist', 'vodupload.web.js')
}

const FILES: Record<string, { file: () => string; type: string }> = {
  '/': { file: () => join(PUBLIC, 'index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: () => join(PUBLIC, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/vodupload.web.js': { file: dropInPath, type: 'text/javascript; charset=utf-8' },
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Passes `POST /upload-auth` on to the app server, which holds the AccessKey. */
async function forward(req: IncomingMessage, res: ServerResponse, appServer: string) {
  const answer = await fetch(`${appServer}/upload-auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: await readBody(req),
  })
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(await answer.text())
}

/** The running example: the page's URL, the app server (and its emulator), and a way to stop both. */
export interface WebExample {
  url: string
  appServer: RunningAppServer
  stop(): Promise<void>
}

/**
 * Serves the page (index.html, app.js and the drop-in's `vodupload.web.js`) on 127.0.0.1 and passes
 * `/upload-auth` to an app server started from the environment (a local emulator without cloud keys). The
 * page's origin differs from the emulator's, as a site's differs from OSS's: the uploads cross origins.
 */
export async function startWebExample(
  port = 0,
  env: NodeJS.ProcessEnv = process.env,
): Promise<WebExample> {
  const appServer = await startAppServer({ ...env, PORT: '0' })
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0]
      if (req.method === 'POST' && path === '/upload-auth')
        return await forward(req, res, appServer.url)
      const entry = FILES[path === '/index.html' ? '/' : path]
      if (req.method !== 'GET' || !entry) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
      res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-store' })
      res.end(await readFile(entry.file()))
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}/`,
    appServer,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await appServer.stop()
    },
  }
}
