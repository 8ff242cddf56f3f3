import { createCancelController, type HttpRequest } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { until, uploadErrorOf } from '#test-support'
import { useLocalServer } from './local-server'
import { wxTransportOnDouble } from './wx-transport-on-double'

const server = useLocalServer()

const get = (path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url: `${server.url}${path}`,
  headers: { 'Content-Type': 'application/octet-stream' },
  ...extra,
})

describe('wx transport requests', () => {
  it('sends the exact bytes of a view as an ArrayBuffer with the request content type', async () => {
    const { transport } = wxTransportOnDouble()
    const whole = Uint8Array.from({ length: 64 }, (_, i) => i)
    const before = server.received.length
    const response = await transport.request({
      method: 'PUT',
      url: `${server.url}/part`,
      headers: { 'Content-Type': 'video/mp4' },
      body: whole.subarray(10, 30),
    })
    expect(response.status).toBe(200)
    const got = server.received[before]
    expect([...got.body]).toEqual([...whole.subarray(10, 30)])
    expect(got.headers['Content-Type']).toBe('video/mp4')
    await transport.request({ method: 'PUT', url: `${server.url}/x`, headers: {}, body: 'a' })
    expect(server.received.at(-1)!.headers['content-type']).toBe('application/octet-stream')
  })

  it.each(['asSent', 'lower', 'canonical-Etag'] as const)(
    'resolves non-2xx responses with lower-cased headers (server case: %s)',
    async (headerCase) => {
      const { transport } = wxTransportOnDouble({ headerCase })
      const response = await transport.request(get('/status/403'))
      expect(response.status).toBe(403)
      expect(response.body).toBe('<Error><Code>Oops</Code></Error>')
      expect(response.headers.etag).toBe('"5D41402ABC4B2A76B9719D911017C592"')
      expect(response.headers['x-request-id']).toBe('req-1')
    },
  )

  it('reads no more of an answer than the request allows, and marks it truncated', async () => {
    const { transport } = wxTransportOnDouble()
    const announced = await transport.request(get('/big?bytes=5000000', { maxResponseBytes: 1000 }))
    expect(announced).toMatchObject({ status: 403, body: '', truncated: true })
    const streamed = await transport.request(
      get('/big?bytes=50000&chunked', { maxResponseBytes: 1000 }),
    )
    expect(streamed).toMatchObject({ status: 403, truncated: true })
    expect(streamed.body).toBe(`<Error><Code>Big</Code><Message>${'A'.repeat(1000 - 32)}`)
    const small = await transport.request(get('/big?bytes=900', { maxResponseBytes: 1000 }))
    expect(small.truncated).toBeUndefined()
    expect(small.body).toHaveLength(900)
    const byDefault = await transport.request(get('/big?bytes=3000000'))
    expect(byDefault).toMatchObject({ body: '', truncated: true })
  })

  it('turns a timeout into TIMEOUT, retryable, without credentials from the URL in the message', async () => {
    const { transport } = wxTransportOnDouble()
    const error = await uploadErrorOf(
      transport.request(get('/slow?Signature=SECRETSIG&SecurityToken=TOKEN1', { timeoutMs: 50 })),
    )
    expect(error.code).toBe('TIMEOUT')
    expect(error.retryable).toBe(true)
    expect(error.message).toContain('wx.request GET')
    expect(error.message).toContain('request:fail timeout')
    expect(error.message).not.toMatch(/SECRETSIG|TOKEN1/)
  })

  it('aborts the wx task when the signal aborts and rejects with the signal reason', async () => {
    const { double, transport } = wxTransportOnDouble()
    const controller = createCancelController()
    const pending = transport.request(get('/slow', { signal: controller.signal }))
    await until(() => double.network.inFlight === 1, 'the request to start')
    controller.abort()
    const error = await uploadErrorOf(pending)
    expect(error.code).toBe('ABORTED')
    await until(() => double.network.inFlight === 0, 'the task to end')
    expect(double.network.calls.at(-1)!.outcome).toBe('request:fail abort')
  })

  it('names the origin to allow when the domain list refuses the URL', async () => {
    const { transport } = wxTransportOnDouble({ domains: ['https://other.example.com'] })
    const error = await uploadErrorOf(transport.request(get('/json')))
    expect(error.code).toBe('DOMAIN_NOT_ALLOWED')
    expect(error.retryable).toBe(false)
    expect(error.message).toContain(`Add ${server.url} to the mini program's "request"`)
  })

  it('never runs more requests than its concurrency, however many are asked for', async () => {
    const { double, transport } = wxTransportOnDouble({}, { concurrency: 2 })
    await Promise.all([1, 2, 3, 4, 5].map(() => transport.request(get('/slow?ms=20'))))
    expect(double.network.peakInFlight).toBe(2)
  })

  it('holds new requests while the app is hidden and sends them once it is shown', async () => {
    const { double, transport } = wxTransportOnDouble()
    double.hide()
    const before = double.network.calls.length
    const pending = transport.request(get('/json'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(double.network.calls.length).toBe(before)
    double.show()
    expect((await pending).status).toBe(200)
  })

  it('reports a background kill as a retryable NETWORK error', async () => {
    const { double, transport } = wxTransportOnDouble({ hideKillDelayMs: 10 })
    const pending = transport.request(get('/slow'))
    await until(() => double.network.inFlight === 1, 'the request to start')
    double.hide()
    const error = await uploadErrorOf(pending)
    expect(error.code).toBe('NETWORK')
    expect(error.retryable).toBe(true)
    expect(error.message).toMatch(/background.*request:fail interrupted/)
  })

  it('goes offline when a network change fails a request, and online again once the network is confirmed', async () => {
    const { double, transport } = wxTransportOnDouble({}, { networkSettleMs: 20 })
    const changes: boolean[] = []
    transport.events!.onNetworkChange!((online) => changes.push(online))
    const pending = transport.request(get('/slow'))
    await until(() => double.network.inFlight === 1, 'the request to start')
    double.changeNetwork('4g')
    const error = await uploadErrorOf(pending)
    expect(error.code).toBe('NETWORK')
    expect(changes).toEqual([false])
    await until(() => changes.length === 2, 'the network to be confirmed')
    expect(changes).toEqual([false, true])
    double.changeNetwork('none')
    double.changeNetwork('wifi')
    expect(changes).toEqual([false, true, false, true])
  })

  it('passes app hide and show to the kernel and stops listening on dispose', () => {
    const { double, transport } = wxTransportOnDouble()
    const seen: string[] = []
    const offHide = transport.events!.onHide!(() => seen.push('hide'))
    transport.events!.onShow!(() => seen.push('show'))
    double.hide()
    double.show()
    offHide()
    double.hide()
    expect(seen).toEqual(['hide', 'show'])
    transport.dispose()
    expect(double.listenerCounts()).toEqual({ hide: 0, show: 0, network: 0 })
  })
})
