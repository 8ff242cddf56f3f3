import RPCClient from '@alicloud/pop-core'
import { type UploadAuthAnswer, uploadAuth } from '@vodup/auth-uploadauth'
import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { configFromEnv, createAppServer, startAppServer } from '@vodup-example/app-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeTransportForTest, patternBytes, sameBytes, testDir, useEmulator } from '#test-support'

const ROLE = 'acs:ram::1234567890123456:role/uploader'
const emulator = useEmulator()
let app: ReturnType<typeof createAppServer>
let url: string
const logLines: string[] = []

beforeAll(async () => {
  const config = configFromEnv({
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
    VOD_ENDPOINT: emulator.url,
    STS_ENDPOINT: emulator.url,
    VOD_REGION: emulator.region,
    ROLE_ARN: ROLE,
    PORT: '0',
  })
  app = createAppServer(config!, (line) => logLines.push(line))
  url = await app.listen()
})
afterAll(() => app.close())

async function post(path: string, body?: unknown, raw?: string) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  })
  const text = await response.text()
  return { status: response.status, text, json: JSON.parse(text) }
}

const decode = (base64: string) => JSON.parse(Buffer.from(base64, 'base64').toString('utf8'))
const actions = () => emulator.requests().map((r) => r.operation)

describe('POST /upload-auth', () => {
  it('creates a video and returns VOD UploadAuth and UploadAddress unchanged', async () => {
    emulator.clearRequests()
    const { status, json } = await post('/upload-auth', {
      fileName: 'holiday.mp4',
      title: 'Holiday',
    })
    expect(status).toBe(200)
    expect(json.videoId).toMatch(/\w{8,}/)
    expect(decode(json.uploadAuth)).toMatchObject({
      AccessKeyId: expect.stringMatching(/^STS\./),
      Region: emulator.region,
    })
    expect(decode(json.uploadAddress)).toMatchObject({
      Endpoint: emulator.url,
      Bucket: emulator.defaultBucket,
    })
    expect(actions()).toEqual(['CreateUploadVideo'])
  })

  it('refreshes the same video when given its videoId', async () => {
    const created = await post('/upload-auth', { fileName: 'long.mp4' })
    emulator.clearRequests()
    const refreshed = await post('/upload-auth', { videoId: created.json.videoId })
    expect(refreshed.status).toBe(200)
    expect(refreshed.json.videoId).toBe(created.json.videoId)
    expect(decode(refreshed.json.uploadAddress)).toEqual(decode(created.json.uploadAddress))
    expect(actions()).toEqual(['RefreshUploadVideo'])
  })

  it('creates an image for an image file', async () => {
    emulator.clearRequests()
    const { status, json } = await post('/upload-auth', { fileName: 'cover.jpg' })
    expect(status).toBe(200)
    expect(json).toMatchObject({
      imageId: expect.any(String),
      imageUrl: expect.stringMatching(/^https?:\/\//),
    })
    expect(actions()).toEqual(['CreateUploadImage'])
  })

  it('refuses bad input with 400 and INVALID_ARGUMENT naming the field, without calling VOD', async () => {
    emulator.clearRequests()
    const cases: Array<[unknown, string | undefined, string]> = [
      [{}, undefined, 'fileName'],
      [{ fileName: 'noextension' }, undefined, 'fileName'],
      [{ fileName: 'a.mp4', isImage: 'yes' }, undefined, 'isImage'],
      [{ fileName: 'a.mp4', isImage: true }, undefined, 'fileName'],
      [{ fileName: 42 }, undefined, 'fileName'],
      [undefined, '{not json', 'body'],
      [undefined, '[1,2]', 'body'],
    ]
    for (const [body, raw, field] of cases) {
      const { status, json } = await post('/upload-auth', body, raw)
      expect(status).toBe(400)
      expect(json.error).toMatchObject({ code: 'INVALID_ARGUMENT', field })
    }
    expect(actions()).toEqual([])
  })

  it("passes VOD's refusal on as 502 with its code and request id", async () => {
    const { status, json } = await post('/upload-auth', { videoId: 'no-such-video' })
    expect(status).toBe(502)
    expect(json.error).toMatchObject({
      serverCode: 'InvalidVideo.NotFound',
      requestId: expect.any(String),
    })
  })
})

describe('POST /sts-token', () => {
  it('returns STS credentials of the role that can call VOD (checked with the official pop-core client)', async () => {
    const { status, json } = await post('/sts-token', { sessionName: 'phone-42' })
    expect(status).toBe(200)
    expect(json).toEqual({
      accessKeyId: expect.stringMatching(/^STS\./),
      accessKeySecret: expect.any(String),
      securityToken: expect.any(String),
      expiration: expect.any(String),
    })
    expect(Date.parse(json.expiration)).toBeGreaterThan(Date.now())
    const vod = new RPCClient({
      endpoint: emulator.url,
      apiVersion: '2017-03-21',
      accessKeyId: json.accessKeyId,
      accessKeySecret: json.accessKeySecret,
      securityToken: json.securityToken,
    })
    const created = (await vod.request('CreateUploadVideo', { Title: 't', FileName: 't.mp4' })) as {
      VideoId: string
    }
    expect(created.VideoId).toBeTruthy()
  })

  it('is absent (404) when no role is configured', async () => {
    const config = configFromEnv({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's',
      PORT: '0',
    })
    const bare = createAppServer(config!)
    const bareUrl = await bare.listen()
    const response = await fetch(`${bareUrl}/sts-token`, { method: 'POST' })
    expect(response.status).toBe(404)
    await bare.close()
  })
})

describe('the AccessKey secret', () => {
  it('never appears in a response or a log line', async () => {
    const bodies = [
      (await post('/upload-auth', { fileName: 'a.mp4' })).text,
      (await post('/sts-token')).text,
      (await post('/upload-auth', { videoId: 'missing' })).text,
      (await post('/upload-auth', {}, 'x')).text,
    ]
    for (const text of [...bodies, ...logLines])
      expect(text).not.toContain(emulator.accessKeySecret)
    expect(logLines.some((line) => /^POST \/upload-auth 200 \d+ms$/.test(line))).toBe(true)
  })
})

describe('routing', () => {
  it('answers 404 for unknown paths, 405 for other methods, and GET /health', async () => {
    expect((await fetch(`${url}/nope`, { method: 'POST' })).status).toBe(404)
    const get = await fetch(`${url}/upload-auth`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true })
  })
})

describe('configuration', () => {
  it('uses the emulator when neither an AccessKey nor a VOD endpoint is set', () => {
    expect(configFromEnv({})).toBeUndefined()
  })

  it('defaults to the Alibaba Cloud endpoints of the region', () => {
    const config = configFromEnv({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's',
      VOD_REGION: 'ap-southeast-1',
    })
    expect(config).toMatchObject({
      vodEndpoint: 'https://vod.ap-southeast-1.aliyuncs.com',
      stsEndpoint: 'https://sts.aliyuncs.com',
      port: 8080,
      host: '127.0.0.1',
    })
  })

  it('refuses a half-configured cloud with INVALID_ARGUMENT naming the variable', () => {
    expect(() => configFromEnv({ VOD_ENDPOINT: 'https://vod.cn-shanghai.aliyuncs.com' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'ALIBABA_CLOUD_ACCESS_KEY_ID' }),
    )
    expect(() =>
      configFromEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's',
        STS_DURATION_SECONDS: '60',
      }),
    ).toThrow(expect.objectContaining({ field: 'STS_DURATION_SECONDS' }))
  })
})

describe('a vodup client of the app server', () => {
  it('uploads a file with credentials from a server that started its own emulator', async () => {
    const running = await startAppServer({ PORT: '0' })
    try {
      const bytes = patternBytes(700 * 1024)
      const path = await (await testDir()).write('clip.mp4', bytes)
      const ask = async (body: unknown): Promise<UploadAuthAnswer> => {
        const response = await fetch(`${running.url}/upload-auth`, {
          method: 'POST',
          body: JSON.stringify(body),
        })
        return (await response.json()) as UploadAuthAnswer
      }
      const uploader = createUploader(
        [
          await nodeTransportForTest(),
          ossTarget(),
          uploadAuth({
            getUploadAuth: (file) => ask({ fileName: file.name }),
            refreshUploadAuth: (file) => ask({ videoId: file.videoId }),
          }),
        ],
        { partSize: 256 * 1024 },
      )
      const result = await uploader.upload({ path })
      await uploader.dispose()
      const stored = running.emulator!.getObject(result.bucket, result.objectKey)
      expect(sameBytes(stored, bytes)).toBe(true)
      expect(result.videoId).toBeTruthy()
    } finally {
      await running.stop()
    }
  })
})
