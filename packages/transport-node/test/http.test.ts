import { createCancelController } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { patternBytes, sameBytes } from '#test-support'
import { nodeTransport } from '../src'
import { wireServer } from './helpers/wire-server'

const plugin = () => nodeTransport({ checkpointDir: '/nonexistent/unused', maxConcurrency: 2 })

describe('request', () => {
  it('resolves for every status, with the body as text and header names lower-cased', async () => {
    const server = await wireServer((req, res) => {
      const status = Number(req.url?.slice(1))
      res.writeHead(status, {
        'X-OSS-Request-Id': `req-${status}`,
        'Content-Type': 'application/xml',
      })
      res.end(`<Code>${status}</Code>`)
    })
    const { transport } = plugin()
    for (const status of [200, 204, 403, 404, 500, 503]) {
      const response = await transport.request({
        method: 'GET',
        url: `${server.url}/${status}`,
        headers: {},
      })
      expect(response.status).toBe(status)
      expect(response.headers['x-oss-request-id']).toBe(`req-${status}`)
      expect(response.body).toBe(status === 204 ? '' : `<Code>${status}</Code>`)
    }
  })

  it('sends the method, headers and body bytes unchanged', async () => {
    const server = await wireServer()
    const { transport } = plugin()
    const body = patternBytes(300_000)
    await transport.request({
      method: 'PUT',
      url: `${server.url}/bucket/key?partNumber=1&uploadId=u`,
      headers: { 'Content-Type': 'video/mp4', 'x-oss-date': 'Tue, 01 Sep 2020 08:00:00 GMT' },
      body,
    })
    await transport.request({
      method: 'POST',
      url: `${server.url}/rpc`,
      headers: {},
      body: 'a=1&b=2',
    })
    const [put, post] = server.seen
    expect(put.method).toBe('PUT')
    expect(put.url).toBe('/bucket/key?partNumber=1&uploadId=u')
    expect(put.headers['content-type']).toBe('video/mp4')
    expect(put.headers['x-oss-date']).toBe('Tue, 01 Sep 2020 08:00:00 GMT')
    expect(sameBytes(put.body, body)).toBe(true)
    expect(post.body.toString()).toBe('a=1&b=2')
  })

  it('reports upload progress in bytes as the body goes out, with a fixed length', async () => {
    const server = await wireServer()
    const { transport } = plugin()
    const body = patternBytes(2 * 1024 * 1024)
    const reports: number[] = []
    await transport.request({
      method: 'PUT',
      url: `${server.url}/part`,
      headers: {},
      body,
      onUploadProgress: (sent) => reports.push(sent),
    })
    expect(reports.length).toBeGreaterThan(10)
    expect(reports).toEqual([...reports].sort((a, b) => a - b))
    expect(reports.at(-1)).toBe(body.length)
    expect(server.seen[0].headers['content-length']).toBe(String(body.length))
    expect(server.seen[0].headers['transfer-encoding']).toBeUndefined()
    expect(sameBytes(server.seen[0].body, body)).toBe(true)
  })

  it('keeps connections alive and opens no more than maxConcurrency per host', async () => {
    const server = await wireServer((_req, res) => setTimeout(() => res.end('ok'), 20))
    const { transport } = plugin()
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        transport.request({ method: 'PUT', url: `${server.url}/${i}`, headers: {}, body: 'x' }),
      ),
    )
    for (let i = 0; i < 4; i++) {
      await transport.request({ method: 'GET', url: `${server.url}/again`, headers: {} })
    }
    expect(server.seen).toHaveLength(12)
    expect(server.connections).toBeLessThanOrEqual(2)
  })

  it('rejects with ABORTED, the signal reason, when canceled mid-request', async () => {
    const controller = createCancelController()
    // Canceled once the server holds the request (it never answers): mid-request, whatever the machine's speed.
    const server = await wireServer(() => controller.abort())
    const { transport } = plugin()
    const pending = transport.request({
      method: 'GET',
      url: `${server.url}/never`,
      headers: {},
      signal: controller.signal,
    })
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' })
  })

  it('rejects at once when the signal was aborted before', async () => {
    const server = await wireServer()
    const { transport } = plugin()
    const controller = createCancelController()
    controller.abort()
    await expect(
      transport.request({ method: 'GET', url: server.url, headers: {}, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' })
    expect(server.seen).toHaveLength(0)
  })

  it('rejects with a retryable TIMEOUT when no response comes in time', async () => {
    const server = await wireServer(() => {})
    const { transport } = plugin()
    await expect(
      transport.request({ method: 'GET', url: `${server.url}/slow`, headers: {}, timeoutMs: 150 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true })
  })

  it('rejects with a retryable NETWORK error when the connection is reset mid-body', async () => {
    const server = await wireServer(undefined, (req) => {
      let received = 0
      req.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received > 100_000) req.socket.destroy()
      })
      return true
    })
    const { transport } = plugin()
    await expect(
      transport.request({
        method: 'PUT',
        url: `${server.url}/part`,
        headers: {},
        body: patternBytes(4 * 1024 * 1024),
        onUploadProgress: () => {},
      }),
    ).rejects.toMatchObject({ code: 'NETWORK', retryable: true })
  })

  it('rejects with NETWORK when nothing listens, keeping the query out of the message', async () => {
    const server = await wireServer()
    const url = `${server.url}/key?security-token=TOKEN-VALUE`
    await server.stop()
    const { transport } = plugin()
    const failure = transport.request({ method: 'GET', url, headers: {} })
    await expect(failure).rejects.toMatchObject({ code: 'NETWORK' })
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('TOKEN') })
  })
})

describe('response bodies', () => {
  it('reads at most maxResponseBytes of a body and marks the response truncated', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024)
    const server = await wireServer((req, res) => {
      // Streamed without a length, so the cut happens while reading.
      res.writeHead(req.url === '/error' ? 500 : 200, { 'content-type': 'application/xml' })
      res.end(`<Error>${huge}</Error>`)
    })
    const { transport } = plugin()
    const limited = { maxResponseBytes: 1000 } as object
    const response = await transport.request({
      method: 'GET',
      url: `${server.url}/error`,
      headers: {},
      ...limited,
    })
    expect(response).toMatchObject({ status: 500, truncated: true })
    expect(response.body).toBe(`<Error>${'x'.repeat(993)}`)
  })

  it('does not read a body announced longer than the limit, and reads one within it whole', async () => {
    const server = await wireServer((req, res) => {
      const body = req.url === '/long' ? 'y'.repeat(2_000_000) : '<Ok/>'
      res.writeHead(200, { 'content-length': String(body.length) })
      res.end(body)
    })
    const { transport } = plugin()
    const long = await transport.request({ method: 'GET', url: `${server.url}/long`, headers: {} })
    expect(long).toMatchObject({ status: 200, body: '', truncated: true })
    const short = await transport.request({
      method: 'GET',
      url: `${server.url}/short`,
      headers: {},
    })
    expect(short.body).toBe('<Ok/>')
    expect(short).not.toHaveProperty('truncated')
  })

  it('resolves with an answer that comes before the body went out, and the connection stays usable', async () => {
    const server = await wireServer(undefined, (req, res) => {
      if (req.url !== '/early') return false
      res.writeHead(403, { connection: 'close' })
      res.end('<Error><Code>AccessDenied</Code></Error>')
      return true
    })
    const { transport } = plugin()
    const early = await transport.request({
      method: 'PUT',
      url: `${server.url}/early`,
      headers: {},
      body: patternBytes(8 * 1024 * 1024),
      onUploadProgress: () => {},
    })
    expect(early.status).toBe(403)
    expect(early.body).toContain('AccessDenied')
    const next = await transport.request({ method: 'GET', url: `${server.url}/next`, headers: {} })
    expect(next.status).toBe(200)
  })
})

describe('bandwidth cap', () => {
  it('holds uploads of all requests together to limitRate, reporting progress as they go', async () => {
    const server = await wireServer()
    const rate = 1024 * 1024
    const { transport } = nodeTransport({ checkpointDir: '/nonexistent/unused', limitRate: rate })
    const body = patternBytes(192 * 1024)
    const reports: number[] = []
    const started = performance.now()
    await Promise.all(
      [1, 2].map((n) =>
        transport.request({
          method: 'PUT',
          url: `${server.url}/capped-${n}`,
          headers: {},
          body,
          onUploadProgress: (sent) => n === 1 && reports.push(sent),
        }),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    // A lower bound only (a loaded machine makes it slower, never faster): 384 KiB at 1 MiB/s, less the first slice.
    const slice = Math.floor(rate / 20)
    expect(seconds).toBeGreaterThanOrEqual((2 * body.length - slice) / rate)
    expect(server.seen.every((request) => sameBytes(request.body, body))).toBe(true)
    expect(reports.length).toBeGreaterThanOrEqual(Math.floor(body.length / slice))
    expect(reports.at(-1)).toBe(body.length)
  })

  it('refuses a cap that is not a whole number of bytes per second, naming the option', () => {
    expect(() => nodeTransport({ limitRate: 0 })).toThrow(/Option "limitRate"/)
    expect(() => nodeTransport({ limitRate: 1.5 })).toThrow(/Option "limitRate"/)
  })
})
