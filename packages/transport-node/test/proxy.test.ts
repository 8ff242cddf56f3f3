import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  emulatorAuth,
  type LoggingProxy,
  localhostTls,
  loggingProxy,
  patternBytes,
  sameBytes,
  testDir,
  uploadErrorOf,
  useEmulator,
} from '#test-support'
import { type NodeTransportOptions, nodeTransport } from '../src'
import { wireServer } from './helpers/wire-server'

const emulator = useEmulator()
const proxies: LoggingProxy[] = []
afterEach(async () => {
  vi.unstubAllEnvs()
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()))
})

async function startProxy(credentials?: string) {
  const proxy = await loggingProxy(credentials ? { credentials } : {})
  proxies.push(proxy)
  return proxy
}

/** Clears every proxy variable the developer's shell may have set, then sets `variables`. */
function environment(variables: Record<string, string>) {
  for (const name of ['http_proxy', 'https_proxy', 'no_proxy']) {
    vi.stubEnv(name, '')
    vi.stubEnv(name.toUpperCase(), '')
  }
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value)
}

const transportOf = (options: NodeTransportOptions = {}) =>
  nodeTransport({ checkpointDir: '/nonexistent/unused', maxConcurrency: 2, ...options })

describe('proxies', () => {
  it('uploads a file through HTTP_PROXY: every request goes through the proxy and the object equals the file', async () => {
    const proxy = await startProxy()
    environment({ HTTP_PROXY: proxy.url })
    const files = await testDir()
    const bytes = patternBytes(5 * 256 * 1024 + 17, 41)
    const path = await files.write('proxied.mp4', bytes)
    const uploader = createUploader(
      [
        nodeTransport({ checkpointDir: files.path('checkpoints') }),
        ossTarget(),
        emulatorAuth(emulator),
      ],
      { partSize: 256 * 1024, concurrency: 2 },
    )
    const result = await uploader.upload(path)
    await uploader.dispose()
    expect(
      sameBytes(await emulator.getObject(emulator.defaultBucket, result.objectKey), bytes),
    ).toBe(true)
    const logged = emulator.requests()
    expect(logged.length).toBeGreaterThan(6)
    expect(proxy.log).toHaveLength(logged.length)
    expect(proxy.log.every((entry) => entry.target.startsWith(`${emulator.url}/`))).toBe(true)
    expect(proxy.log.filter((entry) => entry.method === 'PUT')).toHaveLength(6)
  })

  it('tunnels HTTPS through HTTPS_PROXY with CONNECT, keeping the tunnels alive between requests', async () => {
    const proxy = await startProxy()
    environment({ HTTPS_PROXY: proxy.url })
    const server = await wireServer(undefined, undefined, localhostTls)
    const { transport } = transportOf({ tls: { ca: localhostTls.cert } })
    const body = patternBytes(300_000, 42)
    const reports: number[] = []
    for (let i = 0; i < 4; i++) {
      const response = await transport.request({
        method: 'PUT',
        url: `${server.url}/bucket/key-${i}?partNumber=1`,
        headers: {},
        body,
        onUploadProgress: (sent) => reports.push(sent),
      })
      expect(response.status).toBe(200)
    }
    expect(server.seen.map((request) => request.url)).toEqual(
      [0, 1, 2, 3].map((i) => `/bucket/key-${i}?partNumber=1`),
    )
    expect(server.seen.every((request) => sameBytes(request.body, body))).toBe(true)
    expect(reports.at(-1)).toBe(body.length)
    const port = new URL(server.url).port
    expect(proxy.log).toEqual([{ method: 'CONNECT', target: `127.0.0.1:${port}`, status: 200 }])
  })

  it('goes direct to the hosts of NO_PROXY, and everywhere with proxy: false', async () => {
    const proxy = await startProxy()
    const server = await wireServer()
    environment({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' })
    await transportOf().transport.request({ method: 'GET', url: `${server.url}/a`, headers: {} })
    environment({ HTTP_PROXY: proxy.url })
    await transportOf({ proxy: false }).transport.request({
      method: 'GET',
      url: `${server.url}/b`,
      headers: {},
    })
    expect(server.seen.map((request) => request.url)).toEqual(['/a', '/b'])
    expect(proxy.log).toEqual([])
  })

  it('sends the credentials of an explicit proxy URL, which overrides the environment', async () => {
    const proxy = await startProxy('vodup:s3cret')
    const unused = await startProxy()
    environment({ HTTP_PROXY: unused.url, HTTPS_PROXY: unused.url })
    const server = await wireServer()
    const tlsServer = await wireServer(undefined, undefined, localhostTls)
    const { transport } = transportOf({
      proxy: proxy.url.replace('http://', 'http://vodup:s3cret@'),
      tls: { ca: localhostTls.cert },
    })
    const plain = await transport.request({
      method: 'GET',
      url: `${server.url}/plain`,
      headers: {},
    })
    const secure = await transport.request({
      method: 'GET',
      url: `${tlsServer.url}/tls`,
      headers: {},
    })
    expect([plain.status, secure.status]).toEqual([200, 200])
    const basic = `Basic ${Buffer.from('vodup:s3cret').toString('base64')}`
    expect(
      proxy.log.map((entry) => [entry.method, entry.proxyAuthorization, entry.status]),
    ).toEqual([
      ['GET', basic, 200],
      ['CONNECT', basic, 200],
    ])
    expect(unused.log).toEqual([])
  })

  it('fails with a retryable NETWORK error naming the proxy (not its password) when it cannot be reached', async () => {
    const proxy = await startProxy()
    await proxy.stop()
    const server = await wireServer()
    const { transport } = transportOf({
      proxy: proxy.url.replace('http://', 'http://me:PASSWORD@'),
    })
    const error = await uploadErrorOf(
      transport.request({ method: 'GET', url: server.url, headers: {} }),
    )
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true })
    expect(error.message).toContain(`through the proxy ${proxy.url}`)
    expect(error.message).not.toContain('PASSWORD')
  })

  it('refuses an unusable proxy when the transport is made, naming the variable', () => {
    environment({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' })
    expect(() => transportOf()).toThrow(/HTTPS_PROXY variable uses socks5/)
  })
})
