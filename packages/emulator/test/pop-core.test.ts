import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { rpcSignature, rpcStringToSign } from '../src/rpc/signature.js'
import {
  decodeBase64Json,
  ossClient,
  popClient,
  type UploadAddress,
  type UploadAuth,
  uploadAuthKeys,
} from './helpers/clients.js'
import { controlRequest, httpRequest } from './helpers/http.js'

interface UploadVideoResponse {
  RequestId: string
  VideoId: string
  UploadAuth: string
  UploadAddress: string
}

describe('@alicloud/pop-core against the emulator (VOD and STS)', () => {
  let emulator: Emulator

  beforeAll(async () => {
    emulator = await startEmulator()
  })
  afterAll(() => emulator.stop())

  it('CreateUploadVideo returns UploadAuth and UploadAddress in VOD layout, usable with ali-oss', async () => {
    const vod = popClient(emulator, 'vod')
    const created = await vod.request<UploadVideoResponse>('CreateUploadVideo', {
      Title: 'demo',
      FileName: 'demo.mp4',
    })
    expect(created.VideoId).toMatch(/^[0-9a-f]{32}$/)
    expect(created.RequestId).toMatch(/^[0-9A-F-]{36}$/)
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth)
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress)
    expect(Object.keys(auth)).toEqual([
      'SecurityToken',
      'AccessKeyId',
      'ExpireUTCTime',
      'AccessKeySecret',
      'Expiration',
      'Region',
    ])
    expect(auth).toMatchObject({ Expiration: '3000', Region: 'cn-shanghai' })
    expect(auth.AccessKeyId.startsWith('STS.')).toBe(true)
    expect(Date.parse(auth.ExpireUTCTime) - Date.now()).toBeGreaterThan(2990_000)
    expect(address).toEqual({
      Endpoint: emulator.url,
      Bucket: emulator.defaultBucket,
      FileName: expect.stringMatching(/^sv\/.+\.mp4$/),
    })

    const info = await vod.request<{ Video: { Status: string } }>('GetVideoInfo', {
      VideoId: created.VideoId,
    })
    expect(info.Video.Status).toBe('Uploading')

    const client = ossClient(emulator, address.Bucket, uploadAuthKeys(auth))
    await client.put(address.FileName, Buffer.from('video bytes'))
    await expect(client.put('sv/other.mp4', Buffer.from('x'))).rejects.toMatchObject({
      status: 403,
      code: 'AccessDenied',
    })
    await expect(
      ossClient(emulator, 'another-bucket', uploadAuthKeys(auth)).put(
        address.FileName,
        Buffer.from('x'),
      ),
    ).rejects.toMatchObject({
      code: 'AccessDenied',
    })

    await expect(
      popClient(emulator, 'vod', uploadAuthKeys(auth)).request('GetVideoInfo', {
        VideoId: created.VideoId,
      }),
    ).rejects.toMatchObject({ code: 'Forbidden.RAM' })

    const after = await vod.request<{ Video: { Status: string; Size: number; VideoId: string } }>(
      'GetVideoInfo',
      {
        VideoId: created.VideoId,
      },
    )
    expect(after.Video).toMatchObject({ VideoId: created.VideoId, Status: 'Normal', Size: 11 })
  })

  it('RefreshUploadVideo gives fresh credentials for the same video and address', async () => {
    const vod = popClient(emulator, 'vod')
    const created = await vod.request<UploadVideoResponse>('CreateUploadVideo', {
      Title: 't',
      FileName: 'a.mov',
    })
    const refreshed = await vod.request<UploadVideoResponse>('RefreshUploadVideo', {
      VideoId: created.VideoId,
    })
    expect(refreshed.VideoId).toBe(created.VideoId)
    expect(refreshed.UploadAddress).toBe(created.UploadAddress)
    expect(decodeBase64Json<UploadAuth>(refreshed.UploadAuth).AccessKeyId).not.toBe(
      decodeBase64Json<UploadAuth>(created.UploadAuth).AccessKeyId,
    )
    await expect(
      vod.request('RefreshUploadVideo', { VideoId: '0'.repeat(32) }),
    ).rejects.toMatchObject({
      code: 'InvalidVideo.NotFound',
    })
  })

  it('CreateUploadImage returns ImageId, ImageURL and upload credentials', async () => {
    const vod = popClient(emulator, 'vod')
    const image = await vod.request<
      UploadVideoResponse & { ImageId: string; ImageURL: string; FileURL: string }
    >('CreateUploadImage', { ImageType: 'cover', ImageExt: 'jpg', Title: 'cover' })
    const address = decodeBase64Json<UploadAddress>(image.UploadAddress)
    expect(address.FileName).toMatch(/^image\/cover\/.+\.jpg$/)
    expect(image.ImageURL).toBe(`${emulator.url}/${address.Bucket}/${address.FileName}`)
    const client = ossClient(
      emulator,
      address.Bucket,
      uploadAuthKeys(decodeBase64Json<UploadAuth>(image.UploadAuth)),
    )
    await client.put(address.FileName, Buffer.from('jpeg'))
    expect(
      (await controlRequest(emulator, `objects/${address.Bucket}/${address.FileName}`)).text,
    ).toBe('jpeg')
  })

  it('AssumeRole mints STS credentials usable for VOD with SecurityToken', async () => {
    const sts = popClient(emulator, 'sts')
    const role = await sts.request<{
      Credentials: {
        AccessKeyId: string
        AccessKeySecret: string
        SecurityToken: string
        Expiration: string
      }
      AssumedRoleUser: { Arn: string }
    }>('AssumeRole', {
      RoleArn: 'acs:ram::1234567890123456:role/vod-upload',
      RoleSessionName: 'session-1',
    })
    expect(role.Credentials.AccessKeyId.startsWith('STS.')).toBe(true)
    expect(role.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(role.AssumedRoleUser.Arn).toBe('acs:ram::1234567890123456:role/vod-upload/session-1')
    const keys = {
      accessKeyId: role.Credentials.AccessKeyId,
      accessKeySecret: role.Credentials.AccessKeySecret,
      securityToken: role.Credentials.SecurityToken,
    }
    const asSts = popClient(emulator, 'vod', keys)
    const created = await asSts.request<UploadVideoResponse>(
      'CreateUploadVideo',
      { Title: 'sts', FileName: 'x.mp4' },
      { method: 'POST' },
    )
    expect(created.VideoId).toMatch(/^[0-9a-f]{32}$/)
    await emulator.faults.expireAllTokens()
    await expect(
      asSts.request('CreateUploadVideo', { Title: 'sts', FileName: 'x.mp4' }),
    ).rejects.toMatchObject({
      code: 'InvalidSecurityToken.Expired',
    })
    await expect(
      popClient(emulator, 'vod', { ...keys, securityToken: 'CAISforged' }).request('GetVideoInfo', {
        VideoId: created.VideoId,
      }),
    ).rejects.toMatchObject({ code: 'InvalidSecurityToken.MismatchWithAccessKey' })
  })

  it('rejects a tampered signature, an unknown key and unknown actions with the gateway codes', async () => {
    await expect(
      popClient(emulator, 'vod', {
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: 'tampered',
      }).request('CreateUploadVideo', { Title: 't', FileName: 'a.mp4' }),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' })
    await expect(
      popClient(emulator, 'vod', { accessKeyId: 'LTAInobody', accessKeySecret: 'x' }).request(
        'GetVideoInfo',
        { VideoId: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'InvalidAccessKeyId.NotFound' })
    await expect(
      popClient(emulator, 'vod').request('GetPlayInfo', { VideoId: 'x' }),
    ).rejects.toMatchObject({
      code: 'InvalidAction.NotFound',
    })
    await expect(
      popClient(emulator, 'vod').request('CreateUploadVideo', { FileName: 'a.mp4' }),
    ).rejects.toMatchObject({
      code: 'MissingTitle',
    })
    await expect(
      popClient(emulator, 'vod').request('CreateUploadVideo', { Title: 't', FileName: 'a.exe' }),
    ).rejects.toMatchObject({
      code: 'InvalidFileName.Extension',
    })
    await expect(
      popClient(emulator, 'vod').request('GetVideoInfo', { VideoId: 'f'.repeat(32) }),
    ).rejects.toMatchObject({
      code: 'InvalidVideo.NotFound',
    })
  })

  it('accepts a request signed without Timestamp, as the upload SDKs send it, and answers errors as JSON', async () => {
    const params = new Map([
      ['AccessKeyId', emulator.accessKeyId],
      ['Action', 'CreateUploadVideo'],
      ['FileName', 'clip.mp4'],
      ['Format', 'JSON'],
      ['RequestId', 'sdk-ri-1'],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['SignatureNonce', `nonce-${Date.now()}`],
      ['SignatureVersion', '1.0'],
      ['Title', 'no timestamp'],
      ['Version', '2017-03-21'],
    ])
    const signature = rpcSignature(emulator.accessKeySecret, rpcStringToSign('GET', params))
    const query = new URLSearchParams([...params, ['Signature', signature]]).toString()
    const ok = await httpRequest(`${emulator.url}/?${query}`)
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.text)).toHaveProperty('VideoId')

    const replay = await httpRequest(`${emulator.url}/?${query}`)
    expect(replay.status).toBe(400)
    expect(JSON.parse(replay.text)).toMatchObject({ Code: 'SignatureNonceUsed' })

    params.set('SignatureNonce', 'another')
    const tampered = new URLSearchParams([...params, ['Signature', signature]]).toString()
    const rejected = await httpRequest(`${emulator.url}/?${tampered}`)
    expect(rejected.status).toBe(400)
    const body = JSON.parse(rejected.text)
    expect(Object.keys(body).sort()).toEqual([
      'Code',
      'HostId',
      'Message',
      'Recommend',
      'RequestId',
    ])
    expect(body.Code).toBe('SignatureDoesNotMatch')
    expect(rejected.headers['x-acs-request-id']).toBe(body.RequestId)
  })

  it('expires STS and UploadAuth tokens after the TTL: InvalidSecurityToken.Expired (RPC), SecurityTokenExpired (OSS)', async () => {
    const short = await startEmulator({ tokenTtlSeconds: 1 })
    try {
      const created = await popClient(short, 'vod').request<UploadVideoResponse>(
        'CreateUploadVideo',
        {
          Title: 't',
          FileName: 'a.mp4',
        },
      )
      const auth = decodeBase64Json<UploadAuth>(created.UploadAuth)
      expect(auth.Expiration).toBe('1')
      const address = decodeBase64Json<UploadAddress>(created.UploadAddress)
      const role = await popClient(short, 'sts').request<{
        Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }
      }>('AssumeRole', {
        RoleArn: 'acs:ram::1:role/r',
        RoleSessionName: 'short',
        DurationSeconds: 900,
      })
      const stsVod = popClient(short, 'vod', {
        accessKeyId: role.Credentials.AccessKeyId,
        accessKeySecret: role.Credentials.AccessKeySecret,
        securityToken: role.Credentials.SecurityToken,
      })
      await new Promise((resolve) => setTimeout(resolve, 1100))
      await expect(
        stsVod.request('RefreshUploadVideo', { VideoId: created.VideoId }),
      ).rejects.toMatchObject({
        code: 'InvalidSecurityToken.Expired',
      })
      await expect(
        ossClient(short, address.Bucket, uploadAuthKeys(auth)).put(
          address.FileName,
          Buffer.from('x'),
        ),
      ).rejects.toMatchObject({
        status: 403,
        code: 'SecurityTokenExpired',
      })
    } finally {
      await short.stop()
    }
  })
})
