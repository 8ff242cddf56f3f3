import { randomBytes } from 'node:crypto'
import { crc64 } from 'crc64-ecma182.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { ossClient, popClient } from './helpers/clients.js'
import { httpRequest, xmlField } from './helpers/http.js'
import type { SigningKeys } from './helpers/oss-request.js'

interface AssumeRoleResponse {
  Credentials: {
    AccessKeyId: string
    AccessKeySecret: string
    SecurityToken: string
    Expiration: string
  }
}

async function assumeRole(emulator: Emulator): Promise<SigningKeys> {
  const response = await popClient(emulator, 'sts').request<AssumeRoleResponse>(
    'AssumeRole',
    { RoleArn: 'acs:ram::1234567890123456:role/uploader', RoleSessionName: 'ali-oss-test' },
    { method: 'POST' },
  )
  const c = response.Credentials
  return {
    accessKeyId: c.AccessKeyId,
    accessKeySecret: c.AccessKeySecret,
    securityToken: c.SecurityToken,
  }
}

const BUCKET = 'ali-oss-bucket'

describe('ali-oss against the emulator', () => {
  let emulator: Emulator
  let sts: SigningKeys

  beforeAll(async () => {
    emulator = await startEmulator()
    sts = await assumeRole(emulator)
  })
  afterAll(() => emulator.stop())

  it('puts and gets an object with the account keys, with its CRC-64', async () => {
    const client = ossClient(emulator, BUCKET)
    const body = Buffer.from('hello vodup')
    const put = await client.put('dir/hello world+1.txt', body)
    expect(put.res.status).toBe(200)
    expect(put.res.headers).toMatchObject({ 'x-oss-hash-crc64ecma': crc64(body) })
    const got = await client.get('dir/hello world+1.txt')
    expect(Buffer.compare(got.content as Buffer, body)).toBe(0)
    expect(emulator.getObject(BUCKET, 'dir/hello world+1.txt')).toEqual(body)
  })

  it('multipart-uploads with an STS token and gets back identical bytes', async () => {
    const client = ossClient(emulator, BUCKET, sts)
    const body = randomBytes(350 * 1024 + 17)
    const result = await client.multipartUpload('video/big.mp4', body, {
      partSize: 100 * 1024,
      parallel: 3,
    })
    expect(result.res.status).toBe(200)
    const got = await client.get('video/big.mp4')
    expect(Buffer.compare(got.content as Buffer, body)).toBe(0)
    const head = await client.head('video/big.mp4')
    expect((head.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBe(crc64(body))
    const ranged = await client.get('video/big.mp4', undefined, {
      headers: { Range: 'bytes=102398-102401' },
    })
    expect(ranged.res.status).toBe(206)
    expect(Buffer.compare(ranged.content as Buffer, body.subarray(102_398, 102_402))).toBe(0)
  })

  it('lists parts and aborts an upload', async () => {
    const client = ossClient(emulator, BUCKET, sts)
    const { uploadId } = await client.initMultipartUpload('video/aborted.mp4')
    const part = randomBytes(100 * 1024)
    const uploaded = await client.uploadPart('video/aborted.mp4', uploadId, 1, part, 0, part.length)
    await client.uploadPart('video/aborted.mp4', uploadId, 2, part.subarray(0, 10), 0, 10)
    const listed = (await client.listParts(
      'video/aborted.mp4',
      uploadId,
      {} as never,
    )) as unknown as {
      parts: { PartNumber: string; ETag: string; Size: string }[]
    }
    expect(listed.parts.map((p) => p.PartNumber)).toEqual(['1', '2'])
    expect(listed.parts[0]!.ETag).toBe(uploaded.etag)
    expect(emulator.listMultipartUploads().map((u) => u.uploadId)).toContain(uploadId)
    await client.abortMultipartUpload('video/aborted.mp4', uploadId)
    expect(emulator.listMultipartUploads().map((u) => u.uploadId)).not.toContain(uploadId)
    await expect(
      client.listParts('video/aborted.mp4', uploadId, {} as never),
    ).rejects.toMatchObject({
      status: 404,
      code: 'NoSuchUpload',
    })
  })

  it('answers the same requests signed with a wrong secret with 403 SignatureDoesNotMatch', async () => {
    const wrong = ossClient(emulator, BUCKET, { ...sts, accessKeySecret: 'not-the-secret' })
    await expect(wrong.put('x.txt', Buffer.from('x'))).rejects.toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    await expect(
      wrong.multipartUpload('x.mp4', randomBytes(200 * 1024), { partSize: 100 * 1024 }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    await expect(wrong.get('dir/hello world+1.txt')).rejects.toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    const byAccount = ossClient(emulator, BUCKET, { ...emulator, accessKeySecret: 'wrong' })
    await expect(byAccount.put('y.txt', Buffer.from('y'))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    })
  })

  it('signs with V4 (OSS4-HMAC-SHA256) and is verified', async () => {
    const client = ossClient(emulator, BUCKET, sts, { authorizationV4: true } as never)
    const body = randomBytes(250 * 1024)
    await client.put('v4/ümlaut (1).bin', Buffer.from('v4'))
    await client.multipartUpload('v4/big.bin', body, { partSize: 100 * 1024 })
    const got = await client.get('v4/big.bin')
    expect(Buffer.compare(got.content as Buffer, body)).toBe(0)
    const wrong = ossClient(emulator, BUCKET, { ...sts, accessKeySecret: 'nope' }, {
      authorizationV4: true,
    } as never)
    await expect(wrong.put('v4/x', Buffer.from('x'))).rejects.toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    const otherRegion = ossClient(emulator, BUCKET, sts, {
      authorizationV4: true,
      region: 'oss-cn-beijing',
    } as never)
    await expect(otherRegion.put('v4/y', Buffer.from('y'))).rejects.toMatchObject({
      status: 400,
      code: 'InvalidArgument',
    })
  })

  it('serves presigned GET and PUT URLs (V1 query signature) and refuses expired ones', async () => {
    await ossClient(emulator, BUCKET, sts).put('signed/get.txt', Buffer.from('signed content'))
    // ali-oss presigns only for host names: sign for bucket.oss-local and send it to 127.0.0.1 with that Host.
    const named = ossClient(emulator, BUCKET, sts, {
      endpoint: `http://oss-local:${emulator.port}`,
    })
    const send = (
      signed: string,
      init: { method?: string; headers?: Record<string, string>; body?: string } = {},
    ) => {
      const url = new URL(signed)
      const host = url.host
      url.hostname = '127.0.0.1'
      return httpRequest(url.toString(), { ...init, headers: { ...init.headers, Host: host } })
    }
    const getUrl = named.signatureUrl('signed/get.txt', { expires: 60 })
    const got = await send(getUrl)
    expect(got.status).toBe(200)
    expect(got.text).toBe('signed content')
    const putUrl = named.signatureUrl('signed/put.txt', {
      method: 'PUT',
      expires: 60,
      'Content-Type': 'text/plain',
    })
    const put = await send(putUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'via url',
    })
    expect(put.status).toBe(200)
    expect(emulator.getObject(BUCKET, 'signed/put.txt')?.toString()).toBe('via url')
    const expired = await send(named.signatureUrl('signed/get.txt', { expires: -10 }))
    expect(expired.status).toBe(403)
    expect(xmlField(expired.text, 'Code')).toBe('AccessDenied')
    const tampered = await send(getUrl.replace('signed/get.txt', 'signed/put.txt'))
    expect(xmlField(tampered.text, 'Code')).toBe('SignatureDoesNotMatch')
  })

  it('rejects an expired STS token with SecurityTokenExpired', async () => {
    const short = await startEmulator({ tokenTtlSeconds: 1 })
    try {
      const keys = await assumeRole(short)
      const client = ossClient(short, BUCKET, keys)
      await client.put('before.txt', Buffer.from('ok'))
      await new Promise((resolve) => setTimeout(resolve, 1100))
      await expect(client.put('after.txt', Buffer.from('late'))).rejects.toMatchObject({
        status: 403,
        code: 'SecurityTokenExpired',
      })
      await expect(
        client.multipartUpload('after.mp4', randomBytes(200 * 1024), { partSize: 100 * 1024 }),
      ).rejects.toMatchObject({ code: 'SecurityTokenExpired' })
    } finally {
      await short.stop()
    }
  })
})
