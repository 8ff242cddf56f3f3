import { createHmac, randomBytes } from 'node:crypto'
import { crc64 } from 'crc64-ecma182.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import {
  decodeBase64Json,
  popClient,
  type UploadAddress,
  type UploadAuth,
} from './helpers/clients.js'
import { formBody } from './helpers/form.js'
import { httpRequest, xmlField } from './helpers/http.js'

function policyOf(expiresInMs: number, maxBytes: number): string {
  const policy = {
    expiration: new Date(Date.now() + expiresInMs).toISOString(),
    conditions: [['content-length-range', 0, maxBytes]],
  }
  return Buffer.from(JSON.stringify(policy)).toString('base64')
}

describe('PostObject (the wx.uploadFile form upload)', () => {
  let emulator: Emulator
  let auth: UploadAuth
  let address: UploadAddress

  beforeAll(async () => {
    emulator = await startEmulator()
    const created = await popClient(emulator, 'vod').request<{
      UploadAuth: string
      UploadAddress: string
    }>('CreateUploadVideo', { Title: 'mini program', FileName: 'clip.mp4' })
    auth = decodeBase64Json(created.UploadAuth)
    address = decodeBase64Json(created.UploadAddress)
  })
  afterAll(() => emulator.stop())

  const post = (fields: Record<string, string>, file: Buffer, host?: string) => {
    const boundary = `----vodup${randomBytes(6).toString('hex')}`
    const body = formBody(fields, file, boundary)
    const path = host ? '/' : `/${address.Bucket}`
    return httpRequest(`${emulator.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': body.length,
        ...(host ? { Host: host } : {}),
      },
      body,
    })
  }
  const signedFields = (policy: string, overrides: Record<string, string> = {}) => ({
    key: address.FileName,
    policy,
    OSSAccessKeyId: auth.AccessKeyId,
    'x-oss-security-token': auth.SecurityToken,
    success_action_status: '200',
    signature: createHmac('sha1', auth.AccessKeySecret).update(policy).digest('base64'),
    ...overrides,
  })

  it('stores the file under the form key with a valid policy and answers the CRC-64', async () => {
    const file = randomBytes(200 * 1024)
    const res = await post(signedFields(policyOf(5 * 60_000, 1_048_576_000)), file)
    expect(res.status).toBe(200)
    expect(res.headers['x-oss-hash-crc64ecma']).toBe(crc64(file))
    expect(emulator.getObject(address.Bucket, address.FileName)?.equals(file)).toBe(true)
    expect(emulator.requests().at(-1)).toMatchObject({
      operation: 'PostObject',
      status: 200,
      key: address.FileName,
    })
  })

  it('answers 201 with a PostResponse document, also on a virtual-hosted bucket host', async () => {
    const res = await post(
      signedFields(policyOf(60_000, 1024), { success_action_status: '201' }),
      Buffer.from('hi'),
      `${address.Bucket}.oss-local`,
    )
    expect(res.status).toBe(201)
    expect(xmlField(res.text, 'Key')).toBe(address.FileName)
    expect(xmlField(res.text, 'Bucket')).toBe(address.Bucket)
  })

  it('answers 204 by default', async () => {
    const fields = signedFields(policyOf(60_000, 1024))
    const { success_action_status: _, ...rest } = fields
    expect((await post(rest, Buffer.from('x'))).status).toBe(204)
  })

  it('rejects a wrong policy signature, an expired policy and a file over content-length-range', async () => {
    const policy = policyOf(60_000, 10)
    const badSignature = await post(signedFields(policy, { signature: 'AAAA' }), Buffer.from('x'))
    expect(badSignature.status).toBe(403)
    expect(xmlField(badSignature.text, 'Code')).toBe('SignatureDoesNotMatch')

    const expired = await post(signedFields(policyOf(-1000, 1024)), Buffer.from('x'))
    expect(expired.status).toBe(403)
    expect(xmlField(expired.text, 'Code')).toBe('AccessDenied')
    expect(xmlField(expired.text, 'Message')).toBe('Invalid according to Policy: Policy expired.')

    const tooLarge = await post(signedFields(policy), Buffer.alloc(11))
    expect(tooLarge.status).toBe(400)
    expect(xmlField(tooLarge.text, 'Code')).toBe('EntityTooLarge')
  })

  it('applies the UploadAuth scope, token checks and policy conditions', async () => {
    const otherKey = await post(
      signedFields(policyOf(60_000, 1024), { key: 'sv/elsewhere.mp4' }),
      Buffer.from('x'),
    )
    expect(xmlField(otherKey.text, 'Code')).toBe('AccessDenied')
    const noToken = signedFields(policyOf(60_000, 1024))
    const { 'x-oss-security-token': _, ...withoutToken } = noToken
    expect(xmlField((await post(withoutToken, Buffer.from('x'))).text, 'Code')).toBe(
      'InvalidAccessKeyId',
    )
    const conditioned = Buffer.from(
      JSON.stringify({
        expiration: new Date(Date.now() + 60_000).toISOString(),
        conditions: [['starts-with', '$key', 'image/']],
      }),
    ).toString('base64')
    const failed = await post(signedFields(conditioned), Buffer.from('x'))
    expect(failed.status).toBe(403)
    expect(xmlField(failed.text, 'Message')).toContain('Policy Condition failed')
    await emulator.faults.expireAllTokens()
    const expiredToken = await post(signedFields(policyOf(60_000, 1024)), Buffer.from('x'))
    expect(xmlField(expiredToken.text, 'Code')).toBe('SecurityTokenExpired')
  })
})
