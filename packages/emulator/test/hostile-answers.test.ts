import { createHash, randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { crc64 } from 'crc64-ecma182.js'
import { describe, expect, it } from 'vitest'
import { useEmulator } from '#test-support'
import { v1Signature, v1StringToSign } from '../src/oss/signature-v1.js'
import { popClient } from './helpers/clients.js'
import { controlRequest, xmlField } from './helpers/http.js'
import { multipartRequests, ossRequest } from './helpers/oss-request.js'

const BUCKET = 'hostile-bucket'
const PART = 100 * 1024
const MiB = 1024 * 1024

/** Streams an answer without keeping it: its status, headers, size, first bytes and how often `needle` occurs. */
function measure(url: string, headers: Record<string, string>, needle: string) {
  return new Promise<{
    status: number
    headers: Record<string, string | string[] | undefined>
    size: number
    head: string
    tail: string
    hits: number
  }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let size = 0
      let head = ''
      let tail = ''
      let hits = 0
      res.setEncoding('latin1')
      res.on('data', (chunk: string) => {
        size += chunk.length
        if (head.length < 4096) head += chunk.slice(0, 4096 - head.length)
        const text = tail + chunk
        let at = text.indexOf(needle)
        while (at >= 0) {
          if (at + needle.length > tail.length) hits++
          at = text.indexOf(needle, at + 1)
        }
        tail = text.slice(-400)
      })
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, size, head, tail, hits }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('hostile answers: rewritten answers and ListParts no honest server gives', () => {
  const emulator = useEmulator()

  const oss = () => multipartRequests(emulator.url, emulator, BUCKET)
  const initiate = async (key: string) => xmlField((await oss().initiate(key)).text, 'UploadId')!
  /** Headers of a V1-signed GET, for answers streamed by {@link measure} rather than kept. */
  const signedGet = (key: string, query: [string, string][]) => {
    const date = new Date().toUTCString()
    const stringToSign = v1StringToSign({
      method: 'GET',
      date,
      headers: { 'x-oss-date': date },
      bucket: BUCKET,
      key,
      query,
    })
    return {
      'x-oss-date': date,
      Authorization: `OSS ${emulator.accessKeyId}:${v1Signature(emulator.accessKeySecret, stringToSign)}`,
    }
  }
  const md5Etag = (body: Buffer) =>
    `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`

  it('drops a header from the answer of one part number only, after storing the part', async () => {
    emulator.faults.rewriteAnswer({
      operation: 'UploadPart',
      partNumber: 2,
      removeHeaders: ['x-oss-hash-crc64ecma', 'etag'],
    })
    const key = 'no-crc.bin'
    const uploadId = await initiate(key)
    const bodies = [randomBytes(PART), randomBytes(PART), randomBytes(PART)]
    const answers = []
    for (const [i, body] of bodies.entries())
      answers.push(await oss().uploadPart(key, uploadId, i + 1, body))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect(answers[0]!.headers['x-oss-hash-crc64ecma']).toBe(crc64(bodies[0]!))
    expect(answers[1]!.headers['x-oss-hash-crc64ecma']).toBeUndefined()
    expect(answers[1]!.headers.etag).toBeUndefined()
    expect(answers[1]!.headers['x-oss-request-id']).toBeDefined()
    expect(answers[2]!.headers.etag).toBe(md5Etag(bodies[2]!))
    expect(
      emulator.listMultipartUploads().find((u) => u.uploadId === uploadId)?.partNumbers,
    ).toEqual([1, 2, 3])
    expect(
      emulator
        .requests()
        .filter((r) => r.operation === 'UploadPart')
        .map((r) => r.answerRewritten),
    ).toEqual([undefined, true, undefined])
    expect(emulator.faults.state().rewriteAnswer).toEqual([])
  })

  it('sets a wrong CRC-64 on Complete, then answers the next Complete 200 with an <Error> body (the object is completed both times)', async () => {
    const complete = async (key: string) => {
      const uploadId = await initiate(key)
      const body = randomBytes(PART)
      await oss().uploadPart(key, uploadId, 1, body)
      return { answer: await oss().complete(key, uploadId, [[1, md5Etag(body)]]), body }
    }
    emulator.faults.rewriteAnswer({
      operation: 'CompleteMultipartUpload',
      setHeaders: { 'x-oss-hash-crc64ecma': '12345' },
    })
    const wrong = await complete('wrong-crc.bin')
    expect(wrong.answer.status).toBe(200)
    expect(wrong.answer.headers['x-oss-hash-crc64ecma']).toBe('12345')
    expect(emulator.getObject(BUCKET, 'wrong-crc.bin')?.equals(wrong.body)).toBe(true)

    const error =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code></Error>'
    emulator.faults.rewriteAnswer({
      operation: 'CompleteMultipartUpload',
      body: error,
      removeHeaders: ['x-oss-hash-crc64ecma'],
    })
    const lying = await complete('error-body.bin')
    expect(lying.answer.status).toBe(200)
    expect(lying.answer.text).toBe(error)
    expect(lying.answer.headers['content-length']).toBe(String(Buffer.byteLength(error)))
    expect(lying.answer.headers['x-oss-hash-crc64ecma']).toBeUndefined()
    expect(emulator.getObject(BUCKET, 'error-body.bin')?.equals(lying.body)).toBe(true)
  })

  it('pads an error answer to 50 MB inside its <Message>, streamed, for a failNext error', async () => {
    emulator.faults.failNext({ operation: 'GetObject', status: 500, code: 'InternalError' })
    emulator.faults.rewriteAnswer({
      operation: 'GetObject',
      padTo: { bytes: 50 * MiB, after: '<Message>' },
    })
    const answer = await measure(
      `${emulator.url}/${BUCKET}/big-error`,
      signedGet('big-error', []),
      '</Message>',
    )
    expect(answer.hits).toBe(1)
    expect(answer.status).toBe(500)
    expect(answer.headers['content-length']).toBe(String(50 * MiB))
    expect(answer.size).toBe(50 * MiB)
    expect(answer.head).toMatch(/<Code>InternalError<\/Code>\n {2}<Message>x{100}/)
    expect(answer.tail).toMatch(/xInjected fault: InternalError\.<\/Message>\n[\s\S]*<\/Error>\n$/)
    expect(emulator.requests().at(-1)).toMatchObject({
      operation: 'GetObject',
      status: 500,
      code: 'InternalError',
      answerRewritten: true,
    })
  })

  it('sends a padded answer unsized (chunked, no Content-Length) when asked', async () => {
    emulator.faults.failNext({ operation: 'GetObject', status: 503, code: 'ServiceUnavailable' })
    emulator.faults.rewriteAnswer({
      operation: 'GetObject',
      padTo: { bytes: 5 * MiB, after: '<Message>', unsized: true },
    })
    const answer = await measure(
      `${emulator.url}/${BUCKET}/unsized-error`,
      signedGet('unsized-error', []),
      '</Message>',
    )
    expect(answer.status).toBe(503)
    expect(answer.headers['content-length']).toBeUndefined()
    expect(answer.headers['transfer-encoding']).toBe('chunked')
    expect(answer.size).toBe(5 * MiB)
    expect(answer.hits).toBe(1)
  })

  it('replaces and pads a streamed GetObject body', async () => {
    await ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'obj',
      body: 'real bytes',
    })
    emulator.faults.rewriteAnswer({ operation: 'GetObject', body: 'not the object' })
    emulator.faults.rewriteAnswer({ operation: 'GetObject', padTo: { bytes: 20 } })
    const get = () =>
      ossRequest(emulator.url, emulator, { method: 'GET', bucket: BUCKET, key: 'obj' })
    expect((await get()).text).toBe('not the object')
    const padded = await get()
    expect(padded.text).toBe(`real bytes${'x'.repeat(10)}`)
    expect(padded.headers['content-length']).toBe('20')
    expect((await get()).text).toBe('real bytes')
  })

  it('ListParts endless: every page truncated, the marker growing; stuck: the marker never moves', async () => {
    const key = 'endless.bin'
    const uploadId = await initiate(key)
    const list = (marker: number) =>
      ossRequest(emulator.url, emulator, {
        method: 'GET',
        bucket: BUCKET,
        key,
        query: [
          ['max-parts', '100'],
          ['part-number-marker', String(marker)],
          ['uploadId', uploadId],
        ],
      })
    emulator.faults.hostileListParts({ mode: 'endless' })
    let marker = 0
    for (let page = 0; page < 5; page++) {
      const answer = await list(marker)
      expect(xmlField(answer.text, 'IsTruncated')).toBe('true')
      expect(answer.text.match(/<Part>/g)).toHaveLength(100)
      expect(xmlField(answer.text, 'PartNumber')).toBe(String(marker + 1))
      const next = Number(xmlField(answer.text, 'NextPartNumberMarker'))
      expect(next).toBe(marker + 100)
      marker = next
    }
    expect(marker).toBe(500)
    emulator.faults.hostileListParts({ mode: 'stuck', parts: 0, count: 2 })
    for (let page = 0; page < 2; page++) {
      const answer = await list(7)
      expect(xmlField(answer.text, 'NextPartNumberMarker')).toBe('7')
      expect(xmlField(answer.text, 'IsTruncated')).toBe('true')
      expect(answer.text).not.toContain('<Part>')
    }
    // After its count, the honest answer: no parts were uploaded.
    const honest = await list(0)
    expect(xmlField(honest.text, 'IsTruncated')).toBe('false')
    expect(emulator.faults.state().hostileListParts).toBeNull()
  })

  it('ListParts huge: one page of a million generated parts, streamed', async () => {
    const key = 'huge.bin'
    const uploadId = await initiate(key)
    await emulator.faults.apply({ hostileListParts: { mode: 'huge', count: 1 } })
    const answer = await measure(
      `${emulator.url}/${BUCKET}/${key}?uploadId=${uploadId}`,
      signedGet(key, [['uploadId', uploadId]]),
      '<Part>',
    )
    expect(answer.status).toBe(200)
    expect(answer.headers['transfer-encoding']).toBe('chunked')
    expect(answer.hits).toBe(1_000_000)
    expect(answer.head).toContain('<IsTruncated>false</IsTruncated>')
    expect(answer.tail).toMatch(/<PartNumber>1000000<\/PartNumber>[\s\S]*<\/ListPartsResult>\n$/)
    expect(answer.size).toBeGreaterThan(150 * MiB)
  })

  it("echoes the request's own credentials into a rewritten answer, never into the log", async () => {
    const role = await popClient(emulator, 'sts').request<{
      Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }
    }>('AssumeRole', { RoleArn: 'acs:ram::1:role/r', RoleSessionName: 'echo' })
    const keys = {
      accessKeyId: role.Credentials.AccessKeyId,
      accessKeySecret: role.Credentials.AccessKeySecret,
      securityToken: role.Credentials.SecurityToken,
    }
    emulator.faults.failNext({ operation: 'PutObject', status: 403, code: 'AccessDenied' })
    emulator.faults.rewriteAnswer({
      operation: 'PutObject',
      body: '<Error><Code>AccessDenied</Code><Auth>{{authorization}}</Auth><Sig>{{signature}}</Sig><Token>{{security-token}}</Token></Error>',
      setHeaders: { 'x-echo': '{{signature}}' },
    })
    const put = await ossRequest(emulator.url, keys, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'echo',
      body: 'x',
    })
    expect(put.status).toBe(403)
    const signature = xmlField(put.text, 'Sig')!
    expect(signature).toMatch(/^[A-Za-z0-9+/]{27}=$/)
    expect(xmlField(put.text, 'Auth')).toBe(`OSS ${keys.accessKeyId}:${signature}`)
    expect(xmlField(put.text, 'Token')).toBe(keys.securityToken)
    expect(put.headers['x-echo']).toBe(signature)

    emulator.faults.rewriteAnswer({
      operation: 'CreateUploadVideo',
      status: 400,
      body: '{"Code":"Forbidden","Message":"{{query}}","Token":"{{param:SecurityToken}}","Sig":"{{signature}}"}',
    })
    const vod = popClient(emulator, 'vod', keys)
    const failure = await vod
      .request('CreateUploadVideo', { Title: 't', FileName: 'echo.mp4' })
      .then(
        () => undefined,
        (error: { data?: Record<string, string> }) => error.data,
      )
    expect(failure?.Token).toBe(keys.securityToken)
    expect(failure?.Message).toContain(`SecurityToken=${encodeURIComponent(keys.securityToken)}`)
    expect(failure?.Message).toContain(`Signature=${encodeURIComponent(failure!.Sig!)}`)

    const logged = JSON.stringify(emulator.requests())
    for (const secret of [signature, keys.securityToken, failure!.Sig!, keys.accessKeySecret])
      expect(logged).not.toContain(secret)
    expect(emulator.faults.state().rewriteAnswer).toEqual([])
    expect(() => emulator.faults.rewriteAnswer({ body: '{{password}}' })).toThrow(
      'rewriteAnswer.body holds {{password}}',
    )
  })

  it('takes both faults through the control API and reports them', async () => {
    const post = (body: unknown) => controlRequest(emulator, 'faults', 'POST', body)
    const answer = await post({
      rewriteAnswer: [
        { operation: 'UploadPart', partNumber: 3, count: 2, removeHeaders: ['ETag'] },
        { operation: 'PutObject', status: 503, padTo: { bytes: 1024 } },
      ],
      hostileListParts: { mode: 'endless', parts: 10 },
    })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toMatchObject({
      rewriteAnswer: [
        { operation: 'UploadPart', partNumber: 3, count: 2, removeHeaders: ['ETag'] },
        { operation: 'PutObject', count: 1, status: 503, padTo: { bytes: 1024 } },
      ],
      hostileListParts: { mode: 'endless', parts: 10 },
    })
    const put = await ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'padded',
      body: 'x',
    })
    expect(put.status).toBe(503)
    expect(put.body.length).toBe(1024)
    expect(emulator.getObject(BUCKET, 'padded')?.toString()).toBe('x')
    expect(JSON.parse((await post({ hostileListParts: null })).text).hostileListParts).toBeNull()
  })
})
