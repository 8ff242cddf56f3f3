import { describe, expect, it } from 'vitest'
import { useEmulator } from '#test-support'
import { httpRequest } from './helpers/http.js'

const PAGE = 'http://127.0.0.1:5173'

describe('transport conformance routes', () => {
  const emulator = useEmulator()
  const route = (path: string) => `${emulator.url}/__conformance/${path}`

  it('echo answers what it received to any origin, and stays out of the request log and the faults', async () => {
    emulator.faults.failNext({ status: 500, code: 'InternalError' })
    const answer = await httpRequest(route('echo?status=409&x=1'), {
      method: 'PUT',
      headers: { Origin: PAGE, 'X-Mixed': 'Value' },
      body: Buffer.from([0, 1, 2, 255]),
    })
    expect(answer.status).toBe(409)
    expect(answer.headers['access-control-allow-origin']).toBe('*')
    expect(answer.headers['x-conformance-echo']).toBe('Mixed-Case')
    const echo = JSON.parse(answer.text)
    expect(echo).toMatchObject({ method: 'PUT', query: '?status=409&x=1', note: 'vodup ✓ 上传 ü' })
    expect(echo.headers['x-mixed']).toBe('Value')
    expect([...Buffer.from(echo.body, 'base64')]).toEqual([0, 1, 2, 255])
    expect(emulator.requests()).toEqual([])
    expect(emulator.faults.state().failNext).toHaveLength(1)
  })

  it('answers a preflight for any method and header', async () => {
    const answer = await httpRequest(route('echo'), {
      method: 'OPTIONS',
      headers: {
        Origin: PAGE,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-vodup-conformance,content-type',
      },
    })
    expect(answer.status).toBe(204)
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'x-vodup-conformance,content-type',
    })
  })

  it('big sends the length asked, with or without Content-Length; reset answers nothing', async () => {
    const sized = await httpRequest(route('big?bytes=70000&status=403'))
    expect(sized).toMatchObject({ status: 403, headers: { 'content-length': '70000' } })
    expect(sized.body.length).toBe(70_000)
    const chunked = await httpRequest(route('big?bytes=70000&chunked'))
    expect(chunked.headers['content-length']).toBeUndefined()
    expect(chunked.body.length).toBe(70_000)
    await expect(httpRequest(route('reset'), { method: 'PUT', body: 'x' })).rejects.toMatchObject({
      code: 'ECONNRESET',
    })
  })
})
