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
    const server = await wireServer(() => {})
    const { transport } = plugin()
    const controller = createCancelController()
    const pending = transport.request({
      method: 'GET',
      url: `${server.url}/never`,
      headers: {},
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 50)
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

  it('rejects a malformed URL with a non-retryable NETWORK error', async () => {
    const { transport } = plugin()
    await expect(
      transport.request({ method: 'GET', url: 'not a url', headers: {} }),
    ).rejects.toMatchObject({ code: 'NETWORK', retryable: false })
  })
})
