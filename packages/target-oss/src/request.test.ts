import { createHmac } from 'node:crypto'
import { getHeader } from '@vodup/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { answer, fakeContext, ossError } from '../test/fake-context'
import { httpDate, isoBasicDate, ServerClock } from './clock'
import { resolveOssTargetOptions } from './options'
import { callOss, type OssRuntime } from './request'

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0)
const runtime = (options = {}): OssRuntime => ({
  options: resolveOssTargetOptions(options),
  clock: new ServerClock(),
})
const call = {
  operation: 'InitiateMultipartUpload',
  method: 'POST' as const,
  query: [['uploads', null]] as const,
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('callOss', () => {
  it('adds the token, date and signature after the request hook, never before', async () => {
    const fake = fakeContext(() => answer(200), { securityToken: 'CAIS-token' })
    await callOss(fake.context, runtime(), {
      ...call,
      headers: { Authorization: 'forged', 'x-oss-security-token': 'forged', 'x-oss-meta-a': '1' },
    })
    const [hookSaw] = fake.prepared
    const [wire] = fake.sent
    expect(JSON.stringify(hookSaw)).not.toContain('CAIS-token')
    expect(wire!.url).toBe('https://bucket.oss-cn-shanghai.aliyuncs.com/videos/movie.mp4?uploads')
    expect(wire!.headers['x-oss-security-token']).toBe('CAIS-token')
    expect(wire!.headers['x-oss-date']).toBe(httpDate(NOW))
    expect(wire!.headers['x-oss-user-agent']).toMatch(/^vodup\//)
    expect(wire!.headers.Authorization).toMatch(/^OSS STS\.key:[A-Za-z0-9+/]{27}=$/)
    expect(getHeader(wire!.headers, 'authorization')).toBe(wire!.headers.Authorization)
    expect(
      Object.keys(wire!.headers).filter((h) => /^(authorization|x-oss-security-token)$/i.test(h)),
    ).toHaveLength(2)
  })

  it('signs with V4 when asked, with the region of the endpoint', async () => {
    const fake = fakeContext(() => answer(200))
    await callOss(fake.context, runtime({ signatureVersion: 'v4' }), call)
    const [wire] = fake.sent
    expect(wire!.headers['x-oss-date']).toBe(isoBasicDate(NOW))
    expect(wire!.headers['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD')
    expect(wire!.headers.Authorization).toMatch(
      /^OSS4-HMAC-SHA256 Credential=STS\.key\/20240601\/cn-shanghai\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
    )
  })

  it("signs with the transport's native HMAC when it has one, to the same signature", async () => {
    for (const signatureVersion of ['v1', 'v4'] as const) {
      const portable = fakeContext(() => answer(200), { securityToken: 'T' })
      let calls = 0
      const native = fakeContext(() => answer(200), {
        securityToken: 'T',
        digests: {
          hmac: (algorithm, key, data) => {
            calls++
            return new Uint8Array(createHmac(algorithm, key).update(data).digest())
          },
        },
      })
      await callOss(portable.context, runtime({ signatureVersion }), call)
      await callOss(native.context, runtime({ signatureVersion }), call)
      expect(native.sent[0]!.headers.Authorization).toBe(portable.sent[0]!.headers.Authorization)
      expect(calls).toBeGreaterThan(0)
    }
  })

  it('re-sends once with the server clock after RequestTimeTooSkewed, and keeps the offset', async () => {
    const server = NOW + 40 * 60 * 1000
    const fake = fakeContext((_request, index) =>
      index === 0
        ? { ...ossError(403, 'RequestTimeTooSkewed'), headers: { date: httpDate(server) } }
        : answer(200),
    )
    const shared = runtime()
    await callOss(fake.context, shared, call)
    await callOss(fake.context, shared, call)
    expect(fake.sent.map((r) => r.headers['x-oss-date'])).toEqual([
      httpDate(NOW),
      httpDate(server),
      httpDate(server),
    ])
  })

  it("falls back to the error body's ServerTime", async () => {
    const fake = fakeContext((_request, index) =>
      index === 0
        ? ossError(
            403,
            'RequestTimeTooSkewed',
            'skewed',
            '<ServerTime>2024-06-01T11:00:00.000Z</ServerTime>',
          )
        : answer(200),
    )
    await callOss(fake.context, runtime(), call)
    expect(fake.sent[1]!.headers['x-oss-date']).toBe(httpDate(Date.UTC(2024, 5, 1, 11)))
  })

  it('gives up with a retryable CLOCK_SKEWED when the corrected request is refused too', async () => {
    const fake = fakeContext(() => ({
      ...ossError(403, 'RequestTimeTooSkewed'),
      headers: { date: httpDate(NOW + 3_600_000) },
    }))
    await expect(callOss(fake.context, runtime(), call)).rejects.toMatchObject({
      code: 'CLOCK_SKEWED',
      retryable: true,
      serverCode: 'RequestTimeTooSkewed',
    })
    expect(fake.sent).toHaveLength(2)
  })

  it('refuses a bad object key before sending anything', async () => {
    const fake = fakeContext(() => answer(200), { objectKey: '/absolute.mp4' })
    await expect(callOss(fake.context, runtime(), call)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    expect(fake.sent).toHaveLength(0)
  })

  it('needs a region for V4 on an endpoint that names none', async () => {
    const fake = fakeContext(() => answer(200), { endpoint: 'http://127.0.0.1:9000' })
    await expect(
      callOss(fake.context, runtime({ signatureVersion: 'v4' }), call),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'destination.region',
    })
  })
})
