import { describe, expect, it } from 'vitest'
import { makeNonce, prepareRpc, rpcTimestamp } from './rpc-request'
import { signRpcRequest } from './rpc-signature'

function queryOf(url: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of url.slice(url.indexOf('?') + 1).split('&')) {
    const at = pair.indexOf('=')
    out[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1))
  }
  return out
}

const call = {
  action: 'CreateUploadVideo',
  params: { Title: 'Holiday 视频', FileName: 'a.mp4', Missing: undefined },
  credentials: { accessKeyId: 'STS.id', accessKeySecret: 'the-secret', securityToken: 'the-token' },
}

describe('prepareRpc', () => {
  it('builds an unsigned GET to the region endpoint with only the public parameters', () => {
    const { request } = prepareRpc(call)
    expect(request.method).toBe('GET')
    expect(request.headers).toEqual({})
    expect(request.url.startsWith('https://vod.cn-shanghai.aliyuncs.com/?')).toBe(true)
    expect(queryOf(request.url)).toEqual({
      Action: 'CreateUploadVideo',
      FileName: 'a.mp4',
      Format: 'JSON',
      Title: 'Holiday 视频',
      Version: '2017-03-21',
    })
    expect(request.url).not.toContain('the-token')
  })

  it('signs with the credentials, a nonce and a timestamp, keeping what a request hook added', () => {
    const { request, sign } = prepareRpc(
      { ...call, endpoint: 'http://127.0.0.1:9000/' },
      { offsetMs: 3_600_000 },
    )
    const before = Date.now()
    const signed = sign({ ...request, url: `${request.url}&Extra=1` })
    const params = queryOf(signed.url)
    expect(signed.url.startsWith('http://127.0.0.1:9000/?')).toBe(true)
    expect(params).toMatchObject({
      AccessKeyId: 'STS.id',
      SecurityToken: 'the-token',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      Extra: '1',
    })
    const stamp = Date.parse(params.Timestamp)
    expect(stamp).toBeGreaterThanOrEqual(Math.floor((before + 3_600_000) / 1000) * 1000)
    const { Signature, ...rest } = params
    expect(Signature).toBe(signRpcRequest(rest, 'the-secret').signature)
    expect(queryOf(sign(request).url).SignatureNonce).not.toBe(params.SignatureNonce)
  })

  it('names the bad part of a call', () => {
    expect(() => prepareRpc({ ...call, action: '' })).toThrow(
      expect.objectContaining({ field: 'action' }),
    )
    expect(() =>
      prepareRpc({ ...call, credentials: { accessKeyId: 'a', accessKeySecret: '' } }),
    ).toThrow(expect.objectContaining({ field: 'credentials.accessKeySecret' }))
    expect(() => prepareRpc({ ...call, endpoint: 'ftp://x' })).toThrow(
      expect.objectContaining({ field: 'endpoint' }),
    )
    expect(() => prepareRpc({ ...call, region: 'Shanghai' })).toThrow(
      expect.objectContaining({ field: 'region' }),
    )
  })
})

describe('rpcTimestamp and makeNonce', () => {
  it('formats timestamps without milliseconds and makes distinct nonces', () => {
    expect(rpcTimestamp(Date.UTC(2017, 9, 10, 12, 2, 54, 789))).toBe('2017-10-10T12:02:54Z')
    const nonces = new Set(Array.from({ length: 1000 }, makeNonce))
    expect(nonces.size).toBe(1000)
  })
})
