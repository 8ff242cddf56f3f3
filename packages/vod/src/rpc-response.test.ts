import type { HttpResponse } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { percentEncode } from './percent-encode'
import { readRpcResponse } from './rpc-response'

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  headers,
  body: JSON.stringify(body),
})

const fail = (response: HttpResponse) => {
  try {
    readRpcResponse(response, 'CreateUploadVideo')
  } catch (error) {
    return error as { code: string; serverCode?: string; message: string; retryable: boolean }
  }
  throw new Error('expected a failure')
}

describe('readRpcResponse', () => {
  it('returns the JSON object of a 2xx answer', () => {
    expect(readRpcResponse(json(200, { RequestId: 'r', VideoId: 'v' }), 'A')).toEqual({
      RequestId: 'r',
      VideoId: 'v',
    })
  })

  it.each([
    [400, 'InvalidSecurityToken.Expired', 'TOKEN_EXPIRED'],
    [403, 'Forbidden.RAM', 'ACCESS_DENIED'],
    [404, 'InvalidAccessKeyId.NotFound', 'ACCESS_DENIED'],
    [400, 'SignatureDoesNotMatch', 'SIGNATURE_MISMATCH'],
    [400, 'InvalidTimeStamp.Expired', 'CLOCK_SKEWED'],
    [400, 'Throttling.User', 'THROTTLED'],
    [503, 'ServiceUnavailable', 'SERVER_ERROR'],
    [500, 'InternalError', 'SERVER_ERROR'],
    [404, 'InvalidVideo.NotFound', 'SERVICE_ERROR'],
    [400, 'InvalidFileName.Extension', 'SERVICE_ERROR'],
  ])('maps %i %s to %s', (status, code, expected) => {
    const error = fail(json(status, { RequestId: 'req-1', Code: code, Message: 'message' }))
    expect(error).toMatchObject({ code: expected, serverCode: code, requestId: 'req-1', status })
    expect(error.message).toBe(`CreateUploadVideo failed: ${code}: message`)
  })

  it('retries server errors by default and not the others', () => {
    expect(fail(json(503, { Code: 'ServiceUnavailable' })).retryable).toBe(true)
    expect(fail(json(400, { Code: 'InvalidParameter' })).retryable).toBe(false)
  })

  it('never repeats a secret parameter or the echoed string to sign', () => {
    const token = 'CAIS+token/with=chars'
    const error = fail(
      json(400, {
        Code: 'SignatureDoesNotMatch',
        Message: `Specified signature is not matched with our calculation. server string to sign is:GET&%2F&SecurityToken%3D${percentEncode(percentEncode(token))}`,
      }),
    )
    expect(error.message).not.toContain('SecurityToken')
    expect(error.message).toContain('string to sign is: [redacted]')
    const echoed = fail(
      json(400, {
        Code: 'InvalidParameter',
        Message: `bad request GET /?SecurityToken=${percentEncode(token)}&Signature=abc%3D&Title=x`,
      }),
    )
    expect(echoed.message).toBe(
      'CreateUploadVideo failed: InvalidParameter: bad request GET /?SecurityToken=[redacted]&Signature=[redacted]&Title=x',
    )
  })

  it('quotes a bounded, single-line part of a hostile message, and no hostile code or request id', () => {
    const error = fail(
      json(500, {
        Code: 'x'.repeat(100_000),
        RequestId: 'line\nbreak',
        Message: `first\nsecond\u001b[31m${'m'.repeat(1_000_000)}`,
      }),
    )
    expect(error.serverCode).toBe('HTTP500')
    expect(error.message.length).toBeLessThan(400)
    expect([...error.message].filter((c) => c.charCodeAt(0) < 0x20)).toEqual([])
  })

  it('reports answers that are not JSON', () => {
    expect(fail({ status: 200, headers: {}, body: '<html>' })).toMatchObject({
      code: 'BAD_RESPONSE',
    })
    expect(
      fail({ status: 502, headers: { 'x-acs-request-id': 'gw' }, body: 'Bad Gateway' }),
    ).toMatchObject({
      code: 'SERVER_ERROR',
      serverCode: 'HTTP502',
      requestId: 'gw',
    })
  })
})
