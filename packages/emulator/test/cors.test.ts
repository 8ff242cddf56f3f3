import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useEmulator } from '#test-support'
import { rpcSignature, rpcStringToSign } from '../src/rpc/signature.js'
import { ossClient } from './helpers/clients.js'
import { controlRequest, httpRequest, xmlField } from './helpers/http.js'
import { ossRequest } from './helpers/oss-request.js'

const BUCKET = 'cors-bucket'
const PAGE = 'http://127.0.0.1:5173'

describe('CORS as OSS and the OpenAPI gateway answer it', () => {
  const emulator = useEmulator()

  const preflight = (
    path: string,
    headers: Record<string, string> = {
      Origin: PAGE,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'authorization,content-type,x-oss-date',
    },
  ) => httpRequest(`${emulator.url}${path}`, { method: 'OPTIONS', headers })
  const putFromPage = (key: string, origin = PAGE) =>
    ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key,
      body: 'bytes',
      headers: { Origin: origin },
    })

  it('answers a preflight from the default rule: any origin, the upload methods, ETag and CRC-64 exposed', async () => {
    const answer = await preflight(`/${BUCKET}/videos/a.mp4`)
    expect(answer.status).toBe(200)
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT, POST, GET, HEAD, DELETE',
      'access-control-allow-headers': 'authorization, content-type, x-oss-date',
      'access-control-expose-headers': 'ETag, x-oss-request-id, x-oss-hash-crc64ecma',
    })
    expect(answer.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/)
    expect(emulator.requests().map((r) => [r.operation, r.status, r.bucket, r.key])).toEqual([
      ['Options', 200, BUCKET, 'videos/a.mp4'],
    ])

    const put = await putFromPage('videos/a.mp4')
    expect(put.status).toBe(200)
    expect(put.headers['access-control-allow-origin']).toBe('*')
    expect(put.headers['access-control-expose-headers']).toBe(
      'ETag, x-oss-request-id, x-oss-hash-crc64ecma',
    )
    // Errors carry them too, so a page can read the error body.
    const missing = await ossRequest(emulator.url, emulator, {
      method: 'GET',
      bucket: BUCKET,
      key: 'nothing-here',
      headers: { Origin: PAGE },
    })
    expect(missing.status).toBe(404)
    expect(missing.headers['access-control-allow-origin']).toBe('*')
    // A request that is not from a page gets none.
    const plain = await ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'plain',
      body: 'x',
    })
    expect(plain.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('reproduces a rule that hides ETag: the preflight passes, the part answer exposes only what the rule says', async () => {
    emulator.cors.set([
      {
        allowedOrigins: [PAGE],
        allowedMethods: ['PUT', 'POST'],
        allowedHeaders: ['*'],
        exposeHeaders: ['x-oss-request-id'],
        maxAgeSeconds: 600,
        responseVary: true,
      },
    ])
    const answer = await preflight(`/${BUCKET}/k`)
    expect(answer.status).toBe(200)
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': PAGE,
      'access-control-allow-methods': 'PUT, POST',
      'access-control-expose-headers': 'x-oss-request-id',
      'access-control-max-age': '600',
      vary: 'Origin',
    })
    const put = await putFromPage('k')
    expect(put.headers.etag).toMatch(/^"[0-9A-F]{32}"$/)
    expect(put.headers['access-control-expose-headers']).toBe('x-oss-request-id')
    expect(put.headers['access-control-allow-origin']).toBe(PAGE)
  })

  it('refuses preflights no rule allows with 403 AccessForbidden, and answers their actual requests without CORS headers', async () => {
    emulator.cors.set([
      {
        allowedOrigins: ['http://127.0.0.1:*'],
        allowedMethods: ['GET', 'PUT'],
        allowedHeaders: ['authorization', 'x-oss-*'],
      },
    ])
    const cases: Record<string, string>[] = [
      { Origin: 'http://evil.test', 'Access-Control-Request-Method': 'PUT' },
      { Origin: PAGE, 'Access-Control-Request-Method': 'DELETE' },
      {
        Origin: PAGE,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization,content-md5',
      },
      { 'Access-Control-Request-Method': 'PUT' },
    ]
    for (const headers of cases) {
      const answer = await preflight(`/${BUCKET}/k`, headers)
      expect(answer.status, JSON.stringify(headers)).toBe(403)
      expect(xmlField(answer.text, 'Code')).toBe('AccessForbidden')
      expect(xmlField(answer.text, 'Message')).toMatch(/^CORSResponse: /)
      expect(answer.headers['access-control-allow-origin']).toBeUndefined()
    }
    const allowed = await preflight(`/${BUCKET}/k`, {
      Origin: PAGE,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'Authorization, X-OSS-Date',
    })
    expect(allowed.status).toBe(200)
    expect(allowed.headers['access-control-allow-headers']).toBe('authorization, x-oss-date')

    const fromElsewhere = await putFromPage('k2', 'http://evil.test')
    expect(fromElsewhere.status).toBe(200)
    expect(fromElsewhere.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('keeps rules per bucket, and null disables CORS', async () => {
    emulator.cors.set(null, 'no-cors-bucket')
    const refused = await preflight('/no-cors-bucket/k')
    expect(refused.status).toBe(403)
    expect(xmlField(refused.text, 'Message')).toBe(
      'CORSResponse: CORS is not enabled for this bucket.',
    )
    expect((await preflight(`/${BUCKET}/k`)).status).toBe(200)
    expect(emulator.cors.state()).toMatchObject({ buckets: { 'no-cors-bucket': null } })
    emulator.cors.set(null)
    expect((await preflight(`/${BUCKET}/k`)).status).toBe(403)
    emulator.cors.reset()
    expect((await preflight(`/${BUCKET}/k`)).status).toBe(200)
    expect((await preflight('/no-cors-bucket/k')).status).toBe(200)
  })

  it('sets, reports and resets rules through the control API; a bad rule changes nothing', async () => {
    const control = (method: string, body?: unknown) =>
      controlRequest(emulator, 'cors', method, body)
    const rule = { allowedOrigins: [PAGE], allowedMethods: ['PUT'], exposeHeaders: [] }
    const set = await control('PUT', { bucket: BUCKET, rules: [rule] })
    expect(set.status).toBe(200)
    expect(JSON.parse(set.text)).toMatchObject({ buckets: { [BUCKET]: [rule] } })
    const put = await putFromPage('k')
    expect(put.headers['access-control-allow-origin']).toBe(PAGE)
    expect(put.headers['access-control-expose-headers']).toBeUndefined()

    const bad = await control('PUT', {
      rules: [{ allowedOrigins: ['*'], allowedMethods: ['PATCH'] }],
    })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.text).error).toContain('rules[0].allowedMethods[0]')
    expect(JSON.parse((await control('GET')).text).rules).toEqual([
      {
        allowedOrigins: ['*'],
        allowedMethods: ['PUT', 'POST', 'GET', 'HEAD', 'DELETE'],
        allowedHeaders: ['*'],
        exposeHeaders: ['ETag', 'x-oss-request-id', 'x-oss-hash-crc64ecma'],
      },
    ])
    expect(JSON.parse((await control('DELETE')).text).buckets).toEqual({})
  })

  it('lets pages call the VOD and STS OpenAPI: any origin, and preflights for GET and POST', async () => {
    const preflighted = await httpRequest(`${emulator.url}/?Action=CreateUploadVideo`, {
      method: 'OPTIONS',
      headers: {
        Origin: PAGE,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-acs-action',
      },
    })
    expect(preflighted.status).toBe(200)
    expect(preflighted.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'x-acs-action',
    })
    const bare = await preflight('/', { Origin: PAGE, 'Access-Control-Request-Method': 'GET' })
    expect(bare.status).toBe(200)
    expect(bare.headers['x-acs-request-id']).toBeDefined()

    // A signed GET from a page, as the web SDK's STS flow sends it, and an error answer.
    const params = new Map([
      ['Action', 'CreateUploadVideo'],
      ['Version', '2017-03-21'],
      ['Format', 'JSON'],
      ['AccessKeyId', emulator.accessKeyId],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['SignatureVersion', '1.0'],
      ['SignatureNonce', randomUUID()],
      ['Title', 't'],
      ['FileName', 'page.mp4'],
    ])
    params.set('Signature', rpcSignature(emulator.accessKeySecret, rpcStringToSign('GET', params)))
    const query = [...params].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
    const created = await httpRequest(`${emulator.url}/?${query}`, { headers: { Origin: PAGE } })
    expect(created.status).toBe(200)
    expect(JSON.parse(created.text)).toHaveProperty('VideoId')
    expect(created.headers['access-control-allow-origin']).toBe('*')
    const failed = await httpRequest(
      `${emulator.url}/?Action=CreateUploadVideo&Version=2017-03-21`,
      { headers: { Origin: PAGE } },
    )
    expect(failed.status).toBe(400)
    expect(failed.headers['access-control-allow-origin']).toBe('*')
    expect(
      emulator
        .requests()
        .filter((r) => r.operation === 'Options')
        .map((r) => r.status),
    ).toEqual([200, 200])
  })

  it('still serves ali-oss, which sends no Origin', async () => {
    await expect(
      ossClient(emulator, BUCKET).put('ali.txt', Buffer.from('x')),
    ).resolves.toMatchObject({ res: { status: 200 } })
  })
})
