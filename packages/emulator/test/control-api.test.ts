import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '#test-support'
import { type Emulator, startEmulator } from '../src/index.js'
import {
  decodeBase64Json,
  ossClient,
  popClient,
  type UploadAuth,
  uploadAuthKeys,
} from './helpers/clients.js'
import { controlRequest } from './helpers/http.js'

describe('request log and the HTTP control API under /__vodup/', () => {
  let emulator: Emulator
  const logDir = useTempDir()
  const json = (text: string) => JSON.parse(text)
  const control = (path: string, method = 'GET', body?: unknown) =>
    controlRequest(emulator, path, method, body)

  beforeAll(async () => {
    emulator = await startEmulator({ requestLog: logDir.path('requests.jsonl') })
  })
  afterAll(() => emulator.stop())

  it('logs every request with operation, target, status and body bytes, and never a secret', async () => {
    const created = await popClient(emulator, 'vod').request<{
      UploadAuth: string
      UploadAddress: string
    }>('CreateUploadVideo', { Title: 't', FileName: 'log.mp4' })
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth)
    const address = decodeBase64Json<{ Bucket: string; FileName: string }>(created.UploadAddress)
    const client = ossClient(emulator, address.Bucket, uploadAuthKeys(auth))
    await client.multipartUpload(address.FileName, Buffer.alloc(250 * 1024, 1), {
      partSize: 100 * 1024,
      parallel: 1,
    })

    const entries = emulator.requests()
    expect(entries.map((e) => e.operation)).toEqual([
      'CreateUploadVideo',
      'InitiateMultipartUpload',
      'UploadPart',
      'UploadPart',
      'UploadPart',
      'CompleteMultipartUpload',
    ])
    const parts = entries.filter((e) => e.operation === 'UploadPart')
    expect(parts.map((e) => [e.partNumber, e.bytes, e.status])).toEqual([
      [1, 102400, 200],
      [2, 102400, 200],
      [3, 51200, 200],
    ])
    expect(parts[0]).toMatchObject({ bucket: address.Bucket, key: address.FileName })
    expect(parts[0]!.requestId).toMatch(/^[0-9A-F]{24}$/)

    const logged = JSON.stringify(entries) + JSON.stringify(json((await control('requests')).text))
    for (const secret of [auth.AccessKeySecret, auth.SecurityToken, emulator.accessKeySecret]) {
      expect(logged).not.toContain(secret)
    }
    await emulator.stop()
    const lines = (await readFile(logDir.path('requests.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(json)
    expect(lines.map((l) => l.operation)).toEqual(entries.map((e) => e.operation))
    emulator = await startEmulator()
  })

  it('reports and clears the request log', async () => {
    await ossClient(emulator, 'ctl-bucket').put('a', Buffer.from('abc'))
    const listed = json((await control('requests')).text)
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({
      operation: 'PutObject',
      bucket: 'ctl-bucket',
      key: 'a',
      status: 200,
      bytes: 3,
    })
    expect((await control('requests', 'DELETE')).status).toBe(200)
    expect(json((await control('requests')).text)).toEqual([])
  })

  it('sets faults over HTTP, reports them and clears them', async () => {
    const state = json(
      (
        await control('faults', 'POST', {
          failNext: { operation: 'PutObject', status: 500, code: 'InternalError', count: 1 },
          latency: { ms: 5, operation: 'GetObject' },
          skewClock: 1000,
          corruptNextPart: { count: 2 },
          loseAnswer: [{ operation: 'UploadPart', count: 3 }, { operation: 'ListParts' }],
        })
      ).text,
    )
    expect(state).toMatchObject({
      failNext: [{ operation: 'PutObject', status: 500, code: 'InternalError', count: 1 }],
      latency: { ms: 5, operation: 'GetObject' },
      clockSkewMs: 1000,
      corruptNextPart: 2,
      loseAnswer: [
        { operation: 'UploadPart', count: 3 },
        { operation: 'ListParts', count: 1 },
      ],
    })
    await expect(
      ossClient(emulator, 'ctl-bucket').put('b', Buffer.from('x')),
    ).rejects.toMatchObject({
      status: 500,
      code: 'InternalError',
    })
    expect(json((await control('faults', 'DELETE')).text)).toMatchObject({
      failNext: [],
      loseAnswer: [],
      latency: null,
      clockSkewMs: 0,
    })
  })

  it('refuses a bad fault with 400 naming the field, and changes nothing', async () => {
    const answer = await control('faults', 'POST', {
      latency: 50,
      failNext: [
        { operation: 'PutObject', status: 500, code: 'InternalError' },
        { operation: 'PutObject', status: 99999, code: 'InternalError' },
      ],
    })
    expect(answer.status).toBe(400)
    expect(json(answer.text).error).toContain(
      'failNext[1].status must be an integer from 200 to 599',
    )
    expect(json((await control('faults')).text)).toMatchObject({ failNext: [], latency: null })
    expect(() => emulator.faults.failNext({ status: 99999, code: 'X' })).toThrow(RangeError)
    expect(emulator.faults.state().failNext).toEqual([])
  })

  it('expires tokens, lists uploads and serves stored objects over HTTP', async () => {
    const client = ossClient(emulator, 'ctl-bucket')
    const { uploadId } = await client.initMultipartUpload('pending.bin')
    await client.uploadPart('pending.bin', uploadId, 2, Buffer.from('x'), 0, 1)
    expect(json((await control('uploads')).text)).toContainEqual(
      expect.objectContaining({
        uploadId,
        bucket: 'ctl-bucket',
        key: 'pending.bin',
        partNumbers: [2],
      }),
    )
    await client.put('dir/obj.txt', Buffer.from('stored'))
    expect((await control('objects/ctl-bucket/dir/obj.txt')).text).toBe('stored')
    expect((await control('objects/ctl-bucket/missing')).status).toBe(404)
    expect(json((await control('faults', 'POST', { expireAllTokens: true })).text)).toHaveProperty(
      'failNext',
    )
    expect(json((await control('info')).text)).toMatchObject({
      url: emulator.url,
      region: 'cn-shanghai',
    })
    expect((await control('health')).status).toBe(200)
    expect((await control('nope')).status).toBe(404)
  })
})
