import { afterEach, describe, expect, it } from 'vitest'
import { createWxDouble, type NetworkFailure, type WxDouble } from '../../src/double/index'
import { call, failureOf, useLocalServer } from '../local-server'

const server = useLocalServer()
let double: WxDouble
afterEach(() => double?.dispose())

type Success = WechatMiniprogram.RequestSuccessCallbackResult

describe('wx.request double', () => {
  it('calls back asynchronously, success before complete, for every HTTP status', async () => {
    double = createWxDouble()
    const order: string[] = []
    const done = new Promise<Success>((resolve) => {
      double.wx.request({
        url: `${server.url}/status/404`,
        dataType: 'text',
        success: (r) => {
          order.push('success')
          resolve(r as Success)
        },
        fail: () => order.push('fail'),
        complete: () => order.push('complete'),
      })
      order.push('returned')
    })
    const result = await done
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(order).toEqual(['returned', 'success', 'complete'])
    expect(result.statusCode).toBe(404)
    expect(result.errMsg).toBe('request:ok')
    expect(result.data).toBe('<Error><Code>Oops</Code></Error>')
    expect(result.header).toMatchObject({
      ETag: '"5D41402ABC4B2A76B9719D911017C592"',
      'X-Request-Id': 'req-1',
    })
    expect(result.cookies).toEqual(['a=1'])
  })

  it('keeps or changes header case as configured', async () => {
    double = createWxDouble({ headerCase: 'canonical-Etag' })
    const canonical = await call<Success>((cb) =>
      double.wx.request({ url: `${server.url}/status/200`, ...cb }),
    )
    expect(Object.keys(canonical.header)).toContain('Etag')
    double.dispose()
    double = createWxDouble({ headerCase: 'lower' })
    const lower = await call<Success>((cb) =>
      double.wx.request({ url: `${server.url}/status/200`, ...cb }),
    )
    expect(Object.keys(lower.header)).toContain('etag')
  })

  it('parses JSON only for dataType json and returns ArrayBuffers for responseType arraybuffer', async () => {
    double = createWxDouble()
    const json = await call<Success>((cb) =>
      double.wx.request({ url: `${server.url}/json`, ...cb }),
    )
    expect(json.data).toEqual({ ok: true })
    const text = await call<Success>((cb) =>
      double.wx.request({ url: `${server.url}/json`, dataType: 'text', ...cb }),
    )
    expect(text.data).toBe('{"ok":true}')
    const bytes = await call<Success>((cb) =>
      double.wx.request({ url: `${server.url}/json`, responseType: 'arraybuffer', ...cb }),
    )
    expect(Buffer.from(bytes.data as ArrayBuffer).toString()).toBe('{"ok":true}')
  })

  it('sends ArrayBuffer bodies raw, defaults content-type to JSON and fixes the Referer', async () => {
    double = createWxDouble({ appId: 'wx123' })
    const body = Uint8Array.from([0, 1, 2, 250, 251]).buffer
    const before = server.received.length
    await call((cb) =>
      double.wx.request({
        url: `${server.url}/put`,
        method: 'PUT',
        data: body,
        header: { Referer: 'https://evil' },
        ...cb,
      }),
    )
    const got = server.received[before]
    expect([...got.body]).toEqual([0, 1, 2, 250, 251])
    expect(got.headers['content-type']).toBe('application/json')
    expect(got.headers.Referer).toBe('https://servicewechat.com/wx123/devtools/page-frame.html')
    expect(double.network.calls.at(-1)).toMatchObject({
      method: 'PUT',
      bodyBytes: 5,
      outcome: 'ok',
    })
  })

  it('fails with "request:fail timeout" (errno 5) after the timeout', async () => {
    double = createWxDouble({ defaultTimeoutMs: 50 })
    const failure = await failureOf<NetworkFailure>((cb) =>
      double.wx.request({ url: `${server.url}/slow`, ...cb }),
    )
    expect(failure).toMatchObject({ errMsg: 'request:fail timeout', errno: 5 })
  })

  it('fails with "request:fail abort" when aborted, and ignores an abort after completion', async () => {
    double = createWxDouble()
    let task: WechatMiniprogram.RequestTask | undefined
    const failure = failureOf<NetworkFailure>((cb) => {
      task = double.wx.request({ url: `${server.url}/slow`, ...cb })
    })
    task!.abort()
    expect((await failure).errMsg).toBe('request:fail abort')
    let finished: WechatMiniprogram.RequestTask | undefined
    await call((cb) => {
      finished = double.wx.request({ url: `${server.url}/json`, ...cb })
    })
    expect(() => finished!.abort()).not.toThrow()
  })

  it('shares 10 slots with the rest of the app and queues what does not fit', async () => {
    double = createWxDouble()
    const free = double.occupyRequestSlots(8)
    const calls = [1, 2, 3, 4].map(() =>
      call((cb) => double.wx.request({ url: `${server.url}/slow?ms=30`, ...cb })),
    )
    expect(double.network.inFlight).toBe(2)
    expect(double.network.queued).toBe(2)
    free()
    expect(double.network.inFlight).toBe(4)
    await Promise.all(calls)
    expect(double.network.peakInFlight).toBe(4)
  })

  it('fails URLs outside the domain list with errno 600002', async () => {
    double = createWxDouble({ domains: ['https://upload.example.com'] })
    const failure = await failureOf<NetworkFailure>((cb) =>
      double.wx.request({ url: `${server.url}/json`, ...cb }),
    )
    expect(failure).toMatchObject({ errMsg: 'request:fail url not in domain list', errno: 600002 })
  })

  it('kills running requests with "interrupted" after the app is hidden, and fails new ones at once', async () => {
    double = createWxDouble({ hideKillDelayMs: 20 })
    const events: string[] = []
    double.wx.onAppHide(() => events.push('hide'))
    double.wx.onAppShow(() => events.push('show'))
    const running = failureOf<NetworkFailure>((cb) =>
      double.wx.request({ url: `${server.url}/slow`, ...cb }),
    )
    double.hide()
    expect(await running).toMatchObject({ errMsg: 'request:fail interrupted', errno: 600003 })
    const later = await failureOf<NetworkFailure>((cb) =>
      double.wx.request({ url: `${server.url}/json`, ...cb }),
    )
    expect(later).toMatchObject({ errMsg: 'request:fail interrupted', errno: 600003 })
    double.show()
    await call((cb) => double.wx.request({ url: `${server.url}/json`, ...cb }))
    expect(events).toEqual(['hide', 'show'])
  })

  it('fails running requests with errno 600001 on a network change and reports the new network', async () => {
    double = createWxDouble()
    const statuses: unknown[] = []
    double.wx.onNetworkStatusChange((status) => statuses.push(status))
    const running = failureOf<NetworkFailure>((cb) =>
      double.wx.request({ url: `${server.url}/slow`, ...cb }),
    )
    await new Promise((resolve) => setTimeout(resolve, 10))
    double.changeNetwork('4g')
    expect(await running).toMatchObject({
      errMsg:
        'request:fail errcode:10011 cronet_error_code:0 error_msg:network change, cancel all task',
      errno: 600001,
    })
    expect(statuses).toEqual([{ isConnected: true, networkType: '4g' }])
    const type = await double.wx.getNetworkType()
    expect(type.networkType).toBe('4g')
    double.changeNetwork('none')
    const offline = await failureOf<NetworkFailure>((cb) =>
      double.wx.request({ url: `${server.url}/json`, ...cb }),
    )
    expect(offline.errno).toBe(600000)
  })
})
