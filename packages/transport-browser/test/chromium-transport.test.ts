import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { patternBytes, sameBytes, testDir, useBrowserPage } from '#test-support'
import { corsServer } from './helpers/cors-server'
import type { PageGlobals } from './helpers/page-types'

const browserPage = useBrowserPage(fileURLToPath(new URL('./page/entry.ts', import.meta.url)))

const servers: Array<{ stop(): Promise<void> }> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()))
})
async function server(...args: Parameters<typeof corsServer>) {
  const started = await corsServer(...args)
  servers.push(started)
  return started
}

/** An UploadError thrown in the page, as plain data. */
interface PageError {
  code: string
  message: string
  retryable: boolean
}

describe('requests through XMLHttpRequest, from another origin', () => {
  it('resolves every status with the body as text and the exposed headers lower-cased', async () => {
    const target = await server(
      (request, response) => {
        const status = Number(request.url.slice(1))
        response.writeHead(status, { 'X-OSS-Request-Id': `req-${status}`, ETag: '"E"' })
        response.end(`<Code>${status}</Code>`)
      },
      ['x-oss-request-id', 'ETag'],
    )
    const answers = await browserPage().page.evaluate(async (url) => {
      const { transport } = (globalThis as PageGlobals).vodup.browserTransport()
      const out = []
      for (const status of [200, 204, 403, 404, 500, 503]) {
        const response = await transport.request({
          method: 'GET',
          url: `${url}/${status}`,
          headers: {},
        })
        out.push(response)
      }
      return out
    }, target.url)
    expect(answers.map((a) => a.status)).toEqual([200, 204, 403, 404, 500, 503])
    for (const answer of answers) {
      expect(answer.headers['x-oss-request-id']).toBe(`req-${answer.status}`)
      expect(answer.headers.etag).toBe('"E"')
      expect(answer.body).toBe(answer.status === 204 ? '' : `<Code>${answer.status}</Code>`)
    }
  })

  it('sends the method, the headers and the body bytes unchanged, and text without a Content-Type of its own', async () => {
    const target = await server((_request, response) => response.end('ok'))
    await browserPage().page.evaluate(async (url) => {
      const { vodup } = globalThis as PageGlobals
      const { transport } = vodup.browserTransport()
      await transport.request({
        method: 'PUT',
        url: `${url}/bucket/key?partNumber=1&uploadId=u`,
        headers: {
          'Content-Type': 'video/mp4',
          'x-oss-date': 'Tue, 01 Sep 2020 08:00:00 GMT',
          Authorization: 'OSS id:sig',
          'Content-Length': '1', // forbidden in a page: left to the browser
        },
        body: vodup.patternBytes(300_000),
      })
      await transport.request({ method: 'POST', url: `${url}/rpc`, headers: {}, body: 'a=1&b=é' })
    }, target.url)
    const [put, post] = target.actual()
    expect(put.method).toBe('PUT')
    expect(put.url).toBe('/bucket/key?partNumber=1&uploadId=u')
    expect(put.headers['content-type']).toBe('video/mp4')
    expect(put.headers['x-oss-date']).toBe('Tue, 01 Sep 2020 08:00:00 GMT')
    expect(put.headers.authorization).toBe('OSS id:sig')
    expect(put.headers['content-length']).toBe('300000')
    expect(sameBytes(put.body, patternBytes(300_000))).toBe(true)
    expect(post.body.toString()).toBe('a=1&b=é')
    expect(post.headers['content-type']).toBeUndefined()
  })

  it('reports upload progress in bytes, rising to the body length', async () => {
    const target = await server((_request, response) => response.end('ok'))
    const reports = await browserPage().page.evaluate(async (url) => {
      const { vodup } = globalThis as PageGlobals
      const { transport } = vodup.browserTransport()
      const sent: number[] = []
      await transport.request({
        method: 'PUT',
        url: `${url}/part`,
        headers: {},
        body: vodup.patternBytes(4 * 1024 * 1024),
        onUploadProgress: (bytes) => sent.push(bytes),
      })
      return sent
    }, target.url)
    expect(reports.length).toBeGreaterThan(0)
    expect(reports).toEqual([...reports].sort((a, b) => a - b))
    expect(reports.at(-1)).toBe(4 * 1024 * 1024)
  })

  it('fails with TIMEOUT when no answer comes in time, ABORTED when the signal aborts, NETWORK when the connection drops', async () => {
    const target = await server((request, response) => {
      if (request.url === '/drop') response.socket?.destroy()
      // '/stall' never answers
    })
    const errors = await browserPage().page.evaluate(async (url) => {
      const { core, browserTransport } = (globalThis as PageGlobals).vodup
      const { transport } = browserTransport()
      const errorOf = (promise: Promise<unknown>) =>
        promise.then(
          () => undefined,
          (error: InstanceType<typeof core.UploadError>) => ({
            code: error.code,
            message: error.message,
            retryable: error.retryable,
          }),
        )
      const controller = core.createCancelController()
      const aborted = errorOf(
        transport.request({
          method: 'GET',
          url: `${url}/stall`,
          headers: {},
          signal: controller.signal,
        }),
      )
      setTimeout(() => controller.abort(), 50)
      return {
        timeout: await errorOf(
          transport.request({
            method: 'GET',
            url: `${url}/stall?sig=SECRET`,
            headers: {},
            timeoutMs: 200,
          }),
        ),
        aborted: await aborted,
        dropped: await errorOf(
          transport.request({ method: 'GET', url: `${url}/drop`, headers: {} }),
        ),
      }
    }, target.url)
    expect(errors.timeout).toMatchObject({ code: 'TIMEOUT', retryable: true })
    expect(errors.timeout?.message).not.toContain('SECRET')
    expect(errors.aborted).toMatchObject({ code: 'ABORTED' })
    expect(errors.dropped).toMatchObject({ code: 'NETWORK', retryable: true })
  })

  it('fails a 2xx answer that hides a header the caller must read with BAD_RESPONSE naming what to expose', async () => {
    const target = await server(
      (_request, response) => {
        response.writeHead(200, {
          ETag: '"E"',
          'x-oss-hash-crc64ecma': '1',
          'x-oss-request-id': 'r',
        })
        response.end()
      },
      ['x-oss-request-id'], // a rule that hides ETag and the CRC-64
    )
    const outcome = await browserPage().page.evaluate(async (url) => {
      const { transport } = (globalThis as PageGlobals).vodup.browserTransport()
      const send = (exposeHeaders: string[]) =>
        transport.request({
          method: 'PUT',
          url: `${url}/k?partNumber=1`,
          headers: {},
          body: 'x',
          exposeHeaders,
        })
      const seen = await send(['x-oss-request-id'])
      const error = await send(['ETag', 'x-oss-request-id', 'x-oss-hash-crc64ecma']).then(
        () => undefined,
        (e: PageError) => ({ code: e.code, message: e.message, retryable: e.retryable }),
      )
      return { seen: seen.headers, error }
    }, target.url)
    expect(outcome.seen).toEqual({ 'x-oss-request-id': 'r' })
    expect(outcome.error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false })
    expect(outcome.error?.message).toContain('cannot read its ETag, x-oss-hash-crc64ecma headers')
    expect(outcome.error?.message).toContain(
      'must expose ETag, x-oss-request-id, x-oss-hash-crc64ecma',
    )
  })

  it('says a server that allows no other origin may be the cause when no answer is readable', async () => {
    const { createServer } = await import('node:http')
    const plain = createServer((_req, res) => res.end('no CORS here'))
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve))
    servers.push({ stop: () => new Promise<void>((resolve) => plain.close(() => resolve())) })
    const { port } = plain.address() as { port: number }
    const error = await browserPage().page.evaluate(async (url) => {
      const { transport } = (globalThis as PageGlobals).vodup.browserTransport()
      return transport.request({ method: 'GET', url, headers: {} }).then(
        () => undefined,
        (e: PageError) => ({ code: e.code, message: e.message }),
      )
    }, `http://127.0.0.1:${port}/`)
    expect(error).toMatchObject({ code: 'NETWORK' })
    expect(error?.message).toContain("CORS rule does not allow this page's origin")
  })
})

describe('bounded answers and digests', () => {
  it('reads at most maxResponseBytes of an answer and marks it truncated, whether or not its length is announced', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024)
    const target = await server((request, response) => {
      if (request.url === '/announced')
        response.writeHead(500, { 'Content-Length': String(big.length) })
      else if (request.url === '/streamed')
        response.writeHead(500, { 'Transfer-Encoding': 'chunked' })
      response.end(request.url === '/small' ? '<Error>short</Error>' : big)
    })
    const answers = await browserPage().page.evaluate(async (url) => {
      const { transport } = (globalThis as PageGlobals).vodup.browserTransport()
      const get = (path: string) =>
        transport.request({
          method: 'GET',
          url: `${url}${path}`,
          headers: {},
          maxResponseBytes: 64 * 1024,
        })
      const shape = ({
        status,
        body,
        truncated,
      }: {
        status: number
        body: string
        truncated?: boolean
      }) => ({
        status,
        length: body.length,
        truncated: truncated ?? false,
      })
      return {
        announced: shape(await get('/announced')),
        streamed: shape(await get('/streamed')),
        small: shape(await get('/small')),
      }
    }, target.url)
    expect(answers.announced).toEqual({ status: 500, length: 0, truncated: true })
    expect(answers.streamed.truncated).toBe(true)
    expect(answers.streamed.length).toBeLessThanOrEqual(64 * 1024)
    expect(answers.small).toEqual({ status: 200, length: 20, truncated: false })
  })

  it("computes a part's CRC-64 in WebAssembly as OSS does", async () => {
    const { crc64: oracle } = await import('crc64-ecma182.js')
    const crcs = await browserPage().page.evaluate(async () => {
      const { vodup } = globalThis as PageGlobals
      const bytes = vodup.patternBytes(3 * 1024 * 1024 + 7, 11)
      return {
        part: await vodup.browserDigests.partCrc64!(bytes),
        whole: vodup.browserDigests.crc64!(bytes),
      }
    })
    const expected = oracle(Buffer.from(patternBytes(3 * 1024 * 1024 + 7, 11)))
    expect(crcs).toEqual({ part: expected, whole: expected })
  })
})

describe('files', () => {
  it('reads any range of a File, and refuses bad inputs and ranges with INVALID_ARGUMENT', async () => {
    const result = await browserPage().page.evaluate(async () => {
      const { vodup } = globalThis as PageGlobals
      const { transport } = vodup.browserTransport()
      const file = vodup.patternFile('movie.mp4', 1_000_003, 7)
      const identity = transport.identify(file)
      const source = await transport.openFile(file)
      const middle = await source.read(500_000, 700_001)
      const codeOf = (run: () => unknown) => {
        try {
          run()
          return 'none'
        } catch (error) {
          return (error as PageError).code
        }
      }
      const badRange = await source.read(0, 1_000_004).then(
        () => 'none',
        (e: PageError) => e.code,
      )
      return {
        identity,
        size: source.size,
        name: source.name,
        lastModified: source.lastModified,
        middle: Array.from(middle.subarray(0, 16)),
        middleLength: middle.length,
        badRange,
        namelessBlob: codeOf(() => transport.identify(new Blob(['x']))),
        path: codeOf(() => transport.identify('/etc/passwd')),
        wrapped: transport.identify({ blob: new Blob(['abc']), name: 'a.mp4', lastModified: 5 }),
      }
    })
    expect(result.identity).toEqual({
      key: 'blob:movie.mp4:1000003:1700000000000',
      name: 'movie.mp4',
      size: 1_000_003,
    })
    expect(result).toMatchObject({
      size: 1_000_003,
      name: 'movie.mp4',
      lastModified: 1_700_000_000_000,
    })
    expect(result.middleLength).toBe(200_001)
    expect(result.middle).toEqual(Array.from(patternBytes(1_000_003, 7).subarray(500_000, 500_016)))
    expect(result.badRange).toBe('INVALID_ARGUMENT')
    expect(result.namelessBlob).toBe('INVALID_ARGUMENT')
    expect(result.path).toBe('INVALID_ARGUMENT')
    expect(result.wrapped).toEqual({ key: 'blob:a.mp4:3:5', name: 'a.mp4', size: 3 })
  })

  it('fails a read with FILE_CHANGED when the chosen file changed on disk', async () => {
    const dir = await testDir()
    const path = await dir.write('clip.mp4', patternBytes(300_000, 3))
    const { page } = browserPage()
    await page.setInputFiles('#file', path)
    const first = await page.evaluate(async () => {
      const { transport } = (globalThis as PageGlobals).vodup.browserTransport()
      const file = (document.querySelector('#file') as HTMLInputElement).files![0]
      const source = await transport.openFile(file)
      Object.assign(globalThis, { openedSource: source })
      return (await source.read(0, 100_000)).length
    })
    expect(first).toBe(100_000)
    await writeFile(path, patternBytes(300_000, 4))
    const code = await page.evaluate(async () => {
      const source = (
        globalThis as unknown as {
          openedSource: { read(a: number, b: number): Promise<Uint8Array> }
        }
      ).openedSource
      return source.read(100_000, 200_000).then(
        () => 'none',
        (e: PageError) => e.code,
      )
    })
    expect(code).toBe('FILE_CHANGED')
  })
})

describe('checkpoint stores', () => {
  it('keeps checkpoints in IndexedDB across a reload, and refuses a value that holds a secret', async () => {
    const { page } = browserPage()
    const refused = await page.evaluate(async () => {
      const { transport } = (globalThis as PageGlobals).vodup.browserTransport()
      await transport.store.set('vodup:cp:a', '{"parts":[1,2]}')
      await transport.store.set('vodup:cp:b', '{"parts":[3]}')
      await transport.store.remove('vodup:cp:b')
      return transport.store.set('vodup:cp:c', '{"accessKeySecret":"x"}').then(
        () => 'stored',
        (e: PageError) => e.code,
      )
    })
    expect(refused).toBe('STORAGE_ERROR')
    await page.reload()
    await page.waitForFunction(() => (globalThis as { vodupReady?: boolean }).vodupReady === true)
    const after = await page.evaluate(async () => {
      const { vodup } = globalThis as PageGlobals
      const store = vodup.browserTransport().transport.store
      return {
        a: await store.get('vodup:cp:a'),
        b: await store.get('vodup:cp:b'),
        c: await store.get('vodup:cp:c'),
        inIndexedDb: await vodup.indexedDbStore().get('vodup:cp:a'),
        inLocalStorage: localStorage.getItem('vodup:cp:a'),
      }
    })
    expect(after).toEqual({
      a: '{"parts":[1,2]}',
      b: undefined,
      c: undefined,
      inIndexedDb: '{"parts":[1,2]}',
      inLocalStorage: null,
    })
  })

  it('falls back to localStorage when IndexedDB refuses to open', async () => {
    const { page } = browserPage()
    const result = await page.evaluate(async () => {
      const { vodup } = globalThis as PageGlobals
      // Some private modes have an indexedDB whose open() fails.
      Object.defineProperty(indexedDB, 'open', {
        value: () => {
          throw new DOMException(
            'The user denied permission to access the database.',
            'InvalidStateError',
          )
        },
      })
      const { store } = vodup.browserTransport().transport
      await store.set('vodup:cp:x', '{"n":1}')
      return { got: await store.get('vodup:cp:x'), raw: localStorage.getItem('vodup:cp:x') }
    })
    expect(result).toEqual({ got: '{"n":1}', raw: '{"n":1}' })
  })
})
