import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { percentEncode } from './percent-encode'
import { canonicalQuery, signRpcRequest } from './rpc-signature'

const require = createRequire(import.meta.url)
const RPCClient = require('@alicloud/pop-core').RPCClient as new (
  config: Record<string, unknown>,
) => { request(action: string, params: object, options?: object): Promise<unknown> }

describe('signRpcRequest', () => {
  it('reproduces the documented test vector', () => {
    const signed = signRpcRequest(
      {
        AccessKeyId: 'testAccessKeyId',
        Action: 'GetVideoPlayAuth',
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '8f8a035d-6496-4268-afd4-67c22837e38d',
        SignatureVersion: '1.0',
        Timestamp: '2017-10-10T12:02:54Z',
        Version: '2017-03-21',
        VideoId: '5aed81b74ba84920be578cdfe004af4b',
      },
      'testAccessKeySecret',
    )
    expect(signed.signature).toBe('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=')
    expect(signed.stringToSign.startsWith('GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action')).toBe(
      true,
    )
    expect(signed.query.endsWith('&Signature=Ibgh7y8Vp47LBuAsf5Xhi1SvDss%3D')).toBe(true)
  })

  it('encodes as RFC 3986: space as %20, reserved marks encoded, unreserved kept, UTF-8 bytes', () => {
    expect(percentEncode("a b+c*d~e-f_g.h!i'j(k)l/m")).toBe(
      'a%20b%2Bc%2Ad~e-f_g.h%21i%27j%28k%29l%2Fm',
    )
    expect(percentEncode('视频')).toBe('%E8%A7%86%E9%A2%91')
  })

  it('sorts by name, leaves out undefined values and sends numbers as text', () => {
    expect(canonicalQuery({ b: 2, a: 'x y', c: undefined, B: true })).toBe('B=true&a=x%20y&b=2')
  })

  it('refuses a value that is not valid Unicode, naming the parameter', () => {
    expect(() => signRpcRequest({ Title: 'bad \ud800' }, 'secret')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'Title' }),
    )
    expect(() => signRpcRequest({ A: '1' }, '')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'accessKeySecret' }),
    )
  })
})

describe('signRpcRequest against @alicloud/pop-core', () => {
  let server: Server
  let endpoint: string
  let lastQuery = ''

  beforeAll(async () => {
    server = createServer((req, res) => {
      lastQuery = (req.url ?? '').replace(/^\/\?/, '')
      res.setHeader('content-type', 'application/json')
      res.end('{"RequestId":"oracle"}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const name = fc.stringMatching(/^[A-Z][A-Za-z0-9._-]{0,15}$/)
  const value = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
    fc.integer().map(String),
  )
  const secret = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 })

  it('produces the query string, byte for byte, that pop-core sends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(name, value, { maxKeys: 8 }),
        secret,
        fc.option(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }), {
          nil: undefined,
        }),
        async (params, accessKeySecret, securityToken) => {
          const client = new RPCClient({
            endpoint,
            apiVersion: '2017-03-21',
            accessKeyId: 'LTAIoracle',
            accessKeySecret,
            ...(securityToken ? { securityToken } : {}),
          })
          await client.request('CreateUploadVideo', params, { formatParams: false })
          const sent = new Map<string, string>()
          for (const pair of lastQuery.split('&')) {
            const at = pair.indexOf('=')
            sent.set(decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1)))
          }
          sent.delete('Signature')
          const ours = signRpcRequest(Object.fromEntries(sent), accessKeySecret)
          expect(ours.query).toBe(lastQuery)
        },
      ),
      { numRuns: 60 },
    )
  })
})
