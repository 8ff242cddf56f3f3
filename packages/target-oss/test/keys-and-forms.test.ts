import { createUploader } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import {
  emulatorAuth,
  nodeTransportForTest,
  patternBytes,
  sameBytes,
  uploadErrorOf,
  useEmulator,
  useTempDir,
} from '#test-support'
import { ossTarget } from '../src/index'
import { crc64 } from '../src/internal'
import { formTestTransport } from './form-transport'
import { officialClient } from './oss-client'

const emulator = useEmulator()
const files = useTempDir()

const KEYS = [
  '视频/我的 电影 (1)+final.mp4',
  'a b/c+d/e%20f?g#h&i=j.mov',
  "emoji 😀/it's ~ok!*.webm",
  'trailing space .mp4',
]

describe.each(['v1', 'v4'] as const)(
  'object keys with Unicode, spaces and reserved characters (%s)',
  (version) => {
    it.each(KEYS)(
      'stores "%s" under exactly that key, in one request and in parts',
      async (key) => {
        for (const [size, suffix] of [
          [30_000, '-small'],
          [3 * 110 * 1024, '-parts'],
        ] as const) {
          const bytes = patternBytes(size, key.length + size)
          const path = await files.write(`file-${version}-${size}.bin`, bytes)
          const objectKey = `${version}${suffix}/${key}`
          const uploader = createUploader(
            [
              await nodeTransportForTest(),
              ossTarget({ signatureVersion: version }),
              emulatorAuth(emulator, { mode: 'sts', region: true, objectKey: () => objectKey }),
            ],
            { partSize: 110 * 1024 },
          )
          const result = await uploader.upload({ path })
          expect(result.objectKey).toBe(objectKey)
          const object = await emulator.getObject(emulator.defaultBucket, objectKey)
          expect(sameBytes(object, bytes)).toBe(true)
          const official = await officialClient(emulator).get(objectKey)
          expect(sameBytes(official.content, bytes)).toBe(true)
        }
      },
    )
  },
)

describe('form upload (PostObject)', () => {
  it('posts a small file with a signed policy, the token and userData as form fields', async () => {
    const bytes = patternBytes(40_000, 31)
    const path = await files.write('poster.png', bytes)
    const transport = await formTestTransport()
    const uploader = createUploader([
      transport,
      ossTarget(),
      emulatorAuth(emulator, { mode: 'sts' }),
    ])
    const from = emulator.requests().length
    const progress: number[] = []
    uploader.hooks.progress.tap('test', (_file, snapshot) => {
      progress.push(snapshot.loaded)
    })
    const result = await uploader.upload({ path }, { meta: { userData: '{"Vod":{}}' } })

    expect(
      emulator
        .requests()
        .slice(from)
        .map((r) => `${r.operation}:${r.status}`),
    ).toEqual(['AssumeRole:200', 'PostObject:200'])
    expect(result.crc64).toBe(crc64(bytes))
    expect(progress.at(-1)).toBe(bytes.length)
    const object = await emulator.getObject(emulator.defaultBucket, 'uploads/poster.png')
    expect(sameBytes(object, bytes)).toBe(true)
    const [form] = transport.forms
    expect(Object.keys(form!.fields)).toEqual([
      'key',
      'policy',
      'OSSAccessKeyId',
      'signature',
      'x-oss-security-token',
      'success_action_status',
      'Content-Type',
      'x-oss-notification',
    ])
    expect(form!.fields['x-oss-notification']).toBe(Buffer.from('{"Vod":{}}').toString('base64'))
    const policy = JSON.parse(Buffer.from(form!.fields.policy!, 'base64').toString('utf8'))
    expect(policy.conditions).toEqual([
      { bucket: emulator.defaultBucket },
      ['eq', '$key', 'uploads/poster.png'],
      ['content-length-range', bytes.length, bytes.length],
    ])
    const head = await officialClient(emulator).head('uploads/poster.png')
    expect(head.res.headers['content-type']).toBe('image/png')
  })

  it('goes through the request and response hooks like every OSS call, secrets masked', async () => {
    const bytes = patternBytes(20_000, 33)
    const path = await files.write('hooked.png', bytes)
    const transport = await formTestTransport()
    const uploader = createUploader([
      transport,
      ossTarget(),
      emulatorAuth(emulator, { mode: 'sts' }),
    ])
    const requests: Array<{ operation: string; method: string; url: string; seen: string }> = []
    const responses: Array<{ operation: string; status: number; headers: Record<string, string> }> =
      []
    uploader.hooks.request.tap('test', (request, info) => {
      requests.push({
        operation: info.operation,
        method: request.method,
        url: request.url,
        seen: JSON.stringify(request),
      })
      return info.operation === 'PostObject'
        ? { ...request, headers: { ...request.headers, 'x-test-trace': 'trace-1' } }
        : request
    })
    uploader.hooks.response.tap('test', (response, info) => {
      responses.push({
        operation: info.operation,
        status: response.status,
        headers: response.headers,
      })
    })
    // A server that echoes the form's signature and security token in its answer's headers.
    emulator.faults.rewriteAnswer({
      operation: 'PostObject',
      setHeaders: { 'x-echo-signature': '{{signature}}', 'x-echo-token': '{{security-token}}' },
    })
    await uploader.upload({ path })

    const [form] = transport.forms
    const { signature, 'x-oss-security-token': token } = form!.fields
    const posted = requests.filter((r) => r.operation === 'PostObject')
    expect(posted).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${emulator.url}/${emulator.defaultBucket}/`,
      }),
    ])
    // The hook saw the request before it was signed: no signature, no token, no secret.
    expect(posted[0]!.seen).not.toContain(signature)
    expect(posted[0]!.seen).not.toContain(token)
    expect(form!.headers['x-test-trace']).toBe('trace-1')
    const answered = responses.filter((r) => r.operation === 'PostObject')
    expect(answered).toEqual([
      expect.objectContaining({
        status: 200,
        headers: expect.objectContaining({ 'x-echo-signature': '***', 'x-echo-token': '***' }),
      }),
    ])
    expect(JSON.stringify(answered)).not.toContain(signature)
    expect(JSON.stringify(answered)).not.toContain(token)
    expect(
      sameBytes(await emulator.getObject(emulator.defaultBucket, 'uploads/hooked.png'), bytes),
    ).toBe(true)
  })

  it('reports a refused form with the server code', async () => {
    const path = await files.write('refused.png', patternBytes(1000, 32))
    const uploader = createUploader([
      await formTestTransport(),
      ossTarget(),
      emulatorAuth(emulator, { mode: 'sts', override: { accessKeySecret: 'wrong-secret-value' } }),
    ])
    const error = await uploadErrorOf(uploader.upload({ path }))
    expect(error).toMatchObject({
      code: 'SIGNATURE_MISMATCH',
      operation: 'PostObject',
      status: 403,
    })
  })
})
