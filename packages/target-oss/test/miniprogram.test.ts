import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loadInMiniProgram, patternBytes, useEmulator } from '#test-support'

// Runs inside the sandbox: ECMAScript, console and timers only, no code generation. The one door out is
// `bridge(request)`, the sandbox's stand-in for wx.request.
const source = `
import { createUploader } from '@vodup/core'
import { memoryTransport } from '@vodup/core/testing'
import { ossTarget } from '@vodup/target-oss'
import { crc64, crc64Combine, ossV1Authorization, ossV4Authorization, parseOssErrorXml, signPostPolicy } from '@vodup/target-oss/internal'

globalThis.building = (bytes) => ({
  crc: crc64(bytes),
  combined: crc64Combine(crc64(bytes.subarray(0, 1000)), crc64(bytes.subarray(1000)), bytes.length - 1000),
  v1: ossV1Authorization(
    { method: 'PUT', bucket: 'b', objectKey: '视频/a b.mp4', query: { partNumber: '1', uploadId: 'U' },
      headers: { 'x-oss-date': 'Tue, 01 Sep 2020 08:00:00 GMT', 'Content-Type': 'video/mp4' } },
    { accessKeyId: 'id', accessKeySecret: 'secret' }),
  v4: ossV4Authorization(
    { method: 'PUT', bucket: 'b', objectKey: '视频/a b.mp4', headers: { 'x-oss-date': '20200901T080000Z' } },
    { accessKeyId: 'id', accessKeySecret: 'secret' }, { region: 'cn-shanghai' }),
  policy: signPostPolicy('{"expiration":"2030-01-01T00:00:00.000Z","conditions":[]}', 'secret').signature,
  error: parseOssErrorXml('<Error><Code>NoSuchUpload</Code><Message>gone</Message><RequestId>R</RequestId></Error>'),
})

globalThis.upload = async (config, bytes) => {
  const files = memoryTransport()
  const input = files.putFile('sandbox.mp4', bytes)
  const transport = { ...files.transport, name: 'bridge', request: (request) => globalThis.bridge(request) }
  const auth = {
    name: 'config-auth',
    apply(kernel) {
      kernel.hooks.authorize.tapPromise('config-auth', async () => config.authorization)
    },
  }
  const uploader = createUploader(
    [{ name: 'bridge-transport', apply: (k) => k.provideTransport(transport) }, ossTarget({ signatureVersion: config.version }), auth],
    { partSize: 102400, concurrency: 2 },
  )
  const result = await uploader.upload(input)
  return { partsSent: result.partsSent, crc64: result.crc64 }
}
`

const emulator = useEmulator()

async function bridge(request: {
  method: string
  url: string
  headers: Record<string, string>
  body?: unknown
}) {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body:
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : Buffer.from(request.body as Uint8Array),
  })
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { status: response.status, headers, body: await response.text() }
}

describe('@vodup/target-oss in a mini-program sandbox', () => {
  it('signs, computes CRC-64 and parses XML as in Node', async () => {
    const context = await loadInMiniProgram(source, { bridge })
    const bytes = patternBytes(5000, 5)
    const outcome = (context.building as (b: Uint8Array) => Record<string, unknown>)(bytes)
    const node = await import('../src/internal')
    expect(outcome).toEqual({
      crc: node.crc64(bytes),
      combined: node.crc64(bytes),
      v1: node.ossV1Authorization(
        {
          method: 'PUT',
          bucket: 'b',
          objectKey: '视频/a b.mp4',
          query: { partNumber: '1', uploadId: 'U' },
          headers: { 'x-oss-date': 'Tue, 01 Sep 2020 08:00:00 GMT', 'Content-Type': 'video/mp4' },
        },
        { accessKeyId: 'id', accessKeySecret: 'secret' },
      ),
      v4: node.ossV4Authorization(
        {
          method: 'PUT',
          bucket: 'b',
          objectKey: '视频/a b.mp4',
          headers: { 'x-oss-date': '20200901T080000Z' },
        },
        { accessKeyId: 'id', accessKeySecret: 'secret' },
        { region: 'cn-shanghai' },
      ),
      policy: createHmac('sha1', 'secret')
        .update(
          Buffer.from('{"expiration":"2030-01-01T00:00:00.000Z","conditions":[]}').toString(
            'base64',
          ),
        )
        .digest('base64'),
      error: { code: 'NoSuchUpload', message: 'gone', requestId: 'R' },
    })
  })

  it.each(['v1', 'v4'])(
    'runs a whole multipart upload to the emulator with %s signatures',
    async (version) => {
      const context = await loadInMiniProgram(source, { bridge })
      const bytes = patternBytes(350_000, version.length)
      const objectKey = `sandbox/${version}/视频 1.mp4`
      const config = {
        version,
        authorization: {
          credentials: {
            accessKeyId: emulator.accessKeyId,
            accessKeySecret: emulator.accessKeySecret,
          },
          destination: {
            endpoint: emulator.url,
            bucket: emulator.defaultBucket,
            objectKey,
            region: emulator.region,
          },
        },
      }
      const upload = context.upload as (
        c: unknown,
        b: Uint8Array,
      ) => Promise<{ partsSent: number; crc64: string }>
      const outcome = await upload(config, bytes)
      const { crc64 } = await import('../src/internal')
      expect(outcome).toEqual({ partsSent: 4, crc64: crc64(bytes) })
      const stored = await emulator.getObject(emulator.defaultBucket, objectKey)
      expect(stored && Buffer.compare(stored, Buffer.from(bytes))).toBe(0)
    },
  )
})
