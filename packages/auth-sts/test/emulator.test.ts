import { createUploader, type HttpRequest, type UploaderPlugin } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { callVodApi, decodeUploadAuth, type VodApiRequest } from '@vodup/vod'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  type AppServer,
  acknowledgedParts,
  afterPart,
  appServer,
  KiB,
  memoryStore,
  patternBytes,
  type StsCredentials,
  sameBytes,
  useEmulator,
  useTempDir,
} from '#test-support'
import { sts } from '../src/index'

const appTransport = nodeTransport({ store: memoryStore() }).transport
const send = (request: HttpRequest) => appTransport.request(request)
const emulator = useEmulator()
const files = useTempDir()
let server: AppServer

beforeEach(() => {
  server = appServer(emulator)
})

/** callVodApi as an app server calls it: with the emulator's account keys, on the emulator. */
const callAsAppServer = (call: Omit<VodApiRequest, 'credentials' | 'endpoint'>) =>
  callVodApi(send, {
    ...call,
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    endpoint: emulator.url,
  })

function uploaderWith(...plugins: UploaderPlugin[]) {
  return createUploader([nodeTransport({ store: memoryStore() }), ossTarget(), ...plugins], {
    partSize: 100 * KiB,
    concurrency: 2,
  })
}

const modern = () => sts({ endpoint: emulator.url, getSTSToken: () => server.assumeRole() })

async function stored(bucket: string, key: string, bytes: Uint8Array): Promise<boolean> {
  return sameBytes(await emulator.getObject(bucket, key), bytes)
}

const operations = () => emulator.requests().map((r) => `${r.operation}:${r.code ?? r.status}`)
const vodOperations = () => operations().filter((o) => /^(Create|Refresh)Upload/.test(o))

/** The parts the emulator acknowledged more than once (`<uploadId>#<partNumber>`). */
const partsSentTwice = () =>
  [...acknowledgedParts(emulator.requests())].filter(([, count]) => count > 1).map(([key]) => key)

const expireAfterPart = (n: number) => afterPart(n, () => void emulator.faults.expireAllTokens())

async function videoInfo(videoId: string) {
  const answer = await callAsAppServer({ action: 'GetVideoInfo', params: { VideoId: videoId } })
  return answer.Video as Record<string, unknown>
}

describe('callVodApi, as an app server uses it', () => {
  it('calls CreateUploadVideo and returns credentials that decode', async () => {
    const answer = await callAsAppServer({
      action: 'CreateUploadVideo',
      params: { Title: 'Server side 上传', FileName: 'server.mp4' },
    })
    expect(answer.VideoId).toMatch(/\S/)
    expect(decodeUploadAuth(answer.UploadAuth).region).toBe(emulator.region)
    expect((await videoInfo(answer.VideoId as string)).Title).toBe('Server side 上传')
  })

  it('calls STS AssumeRole and returns credentials an upload works with', async () => {
    const answer = await callAsAppServer({
      action: 'AssumeRole',
      version: '2015-04-01',
      params: {
        RoleArn: 'acs:ram::1234567890:role/uploader',
        RoleSessionName: 'vodup-test',
        DurationSeconds: 3600,
      },
    })
    const token = answer.Credentials as StsCredentials
    const bytes = patternBytes(20 * KiB, 10)
    const path = await files.write('minted.mp4', bytes)
    const plugin = sts({ endpoint: emulator.url, getSTSToken: async () => token })
    const result = await uploaderWith(plugin).upload({ path })
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
    expect(vodOperations()).toEqual(['CreateUploadVideo:200'])
  })

  it('reports a wrong secret as SIGNATURE_MISMATCH and an unknown key as ACCESS_DENIED, without secrets', async () => {
    const wrong = { accessKeyId: emulator.accessKeyId, accessKeySecret: 'not-the-secret-at-all' }
    const call = {
      action: 'CreateUploadVideo',
      params: { Title: 't', FileName: 'a.mp4' },
      endpoint: emulator.url,
    }
    const mismatch = await callVodApi(send, { ...call, credentials: wrong }).catch((e) => e)
    expect(mismatch).toMatchObject({
      code: 'SIGNATURE_MISMATCH',
      serverCode: 'SignatureDoesNotMatch',
    })
    expect(mismatch.requestId).toMatch(/\S/)
    expect(mismatch.message).not.toContain('not-the-secret-at-all')
    expect(mismatch.message).not.toContain('SignatureNonce')
    const unknown = await callVodApi(send, {
      ...call,
      credentials: { accessKeyId: 'LTAIunknown', accessKeySecret: 'x' },
    }).catch((e) => e)
    expect(unknown).toMatchObject({
      code: 'ACCESS_DENIED',
      serverCode: 'InvalidAccessKeyId.NotFound',
    })
  })

  it('corrects its timestamp from the server clock when the local clock is off', async () => {
    emulator.faults.skewClock(20 * 60_000)
    const answer = await callAsAppServer({
      action: 'CreateUploadVideo',
      params: { Title: 't', FileName: 'skewed.mp4' },
    })
    expect(answer.VideoId).toMatch(/\S/)
    expect(vodOperations()).toEqual([
      'CreateUploadVideo:InvalidTimeStamp.Expired',
      'CreateUploadVideo:200',
    ])
  })

  it('reports a 5xx as a retryable SERVER_ERROR', async () => {
    emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 503,
      code: 'ServiceUnavailable',
    })
    const error = await callAsAppServer({
      action: 'CreateUploadVideo',
      params: { Title: 't', FileName: 'a.mp4' },
    }).catch((e) => e)
    expect(error).toMatchObject({ code: 'SERVER_ERROR', status: 503, retryable: true })
  })
})

describe('sts() with getSTSToken', () => {
  it('uploads a video end to end, its userData mapped onto CreateUploadVideo', async () => {
    const bytes = patternBytes(350 * KiB + 5, 11)
    const path = await files.write('holiday.mp4', bytes)
    const userData = JSON.stringify({
      Vod: {
        Title: '假期 2024',
        Description: 'at sea',
        CateId: 1000,
        Tags: ['sea', 'sun'],
        UserData: { Extend: { trip: 'north' } },
      },
    })
    const uploader = uploaderWith(modern())
    const result = await uploader.upload({ path }, { meta: { userData } })
    expect(uploader.listFiles()[0].videoId).toBe(result.videoId)
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
    expect(vodOperations()).toEqual(['CreateUploadVideo:200'])
    expect(await videoInfo(result.videoId as string)).toMatchObject({
      Title: '假期 2024',
      Description: 'at sea',
      CateId: 1000,
      Tags: 'sea,sun',
    })
  })

  it('retries a 503 on CreateUploadVideo under the kernel retry policy, reported like a part', async () => {
    emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 503,
      code: 'ServiceUnavailable',
    })
    const path = await files.write('busy.mp4', patternBytes(5 * KiB, 14))
    const uploader = uploaderWith(modern(), retry({ minTimeout: 1, randomize: false }))
    const retries: string[] = []
    uploader.hooks.retry.tap('test', (attempt) => {
      retries.push(`${attempt.operation}:${attempt.attempt}:${attempt.error.code}`)
    })
    const vodRequestIds: string[] = []
    uploader.hooks.response.tap('test', (response, info) => {
      if (info.service === 'vod') vodRequestIds.push(response.requestId ?? 'none')
    })
    await uploader.upload({ path })
    expect(vodOperations()).toEqual([
      'CreateUploadVideo:ServiceUnavailable',
      'CreateUploadVideo:200',
    ])
    expect(retries).toEqual(['CreateUploadVideo:1:SERVER_ERROR'])
    const logged = emulator
      .requests()
      .filter((r) => r.operation === 'CreateUploadVideo')
      .map((r) => r.requestId)
    expect(vodRequestIds).toEqual(logged)
  })

  it('titles a video after its file name when userData has no Title', async () => {
    const path = await files.write('untitled.mp4', patternBytes(5 * KiB, 12))
    const result = await uploaderWith(modern()).upload(
      { path },
      { meta: { vod: { Description: 'd' } } },
    )
    expect((await videoInfo(result.videoId as string)).Title).toBe('untitled.mp4')
  })

  it('uploads an image end to end through CreateUploadImage: ImageId and ImageURL', async () => {
    const bytes = patternBytes(30 * KiB, 13)
    const path = await files.write('cover.JPG', bytes)
    const uploader = uploaderWith(modern())
    const result = await uploader.upload({ path })
    const file = uploader.listFiles()[0]
    expect(vodOperations()).toEqual(['CreateUploadImage:200'])
    expect(result.imageId).toMatch(/\S/)
    expect(result.imageUrl).toMatch(/\.jpg$/)
    expect(file.imageId).toBe(result.imageId)
    expect(file.imageUrl).toBe(result.imageUrl)
    expect(result.videoId).toBeUndefined()
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
  })

  it('continues an upload whose tokens expire mid-way: RefreshUploadVideo with a new STS token, same upload, no part re-sent', async () => {
    const bytes = patternBytes(800 * KiB, 14)
    const path = await files.write('expiring.mp4', bytes)
    const uploader = uploaderWith(modern(), expireAfterPart(2))
    const result = await uploader.upload({ path })
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
    expect(operations()).toContain('UploadPart:SecurityTokenExpired')
    expect(vodOperations()).toEqual([
      'CreateUploadVideo:200',
      'RefreshUploadVideo:InvalidSecurityToken.Expired',
      'RefreshUploadVideo:200',
    ])
    expect(server.issued).toHaveLength(2)
    expect(operations().filter((o) => o.startsWith('InitiateMultipartUpload'))).toHaveLength(1)
    expect(partsSentTwice()).toEqual([])
  })

  it('moves a small image whose credentials expire before it is sent to a new CreateUploadImage', async () => {
    let expired = false
    const expireBeforePut: UploaderPlugin = {
      name: 'expire-before-put',
      apply(kernel) {
        kernel.hooks.request.tapPromise('expire-before-put', async (request, info) => {
          if (info.operation === 'PutObject' && !expired) {
            expired = true
            await emulator.faults.expireAllTokens()
          }
          return request
        })
      },
    }
    const bytes = patternBytes(40 * KiB, 22)
    const path = await files.write('badge.gif', bytes)
    const uploader = uploaderWith(modern(), expireBeforePut)
    const result = await uploader.upload({ path })
    expect(vodOperations()).toEqual([
      'CreateUploadImage:200',
      'CreateUploadImage:InvalidSecurityToken.Expired',
      'CreateUploadImage:200',
    ])
    expect(operations().filter((o) => o.startsWith('PutObject'))).toEqual([
      'PutObject:SecurityTokenExpired',
      'PutObject:200',
    ])
    expect(uploader.listFiles()[0].imageId).toBe(result.imageId)
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
  })

  it('fails an image whose credentials expire during its multipart upload, creating no second image', async () => {
    const path = await files.write('poster.png', patternBytes(500 * KiB, 21))
    const uploader = uploaderWith(modern(), expireAfterPart(1))
    await expect(uploader.upload({ path })).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
      message: expect.stringContaining('VOD cannot refresh image credentials'),
    })
    expect(vodOperations()).toEqual(['CreateUploadImage:200'])
  })

  it('gets a new STS token when VOD refuses the first one as expired', async () => {
    let first = true
    const plugin = sts({
      endpoint: emulator.url,
      getSTSToken: async () => {
        const token = await server.assumeRole()
        if (first) await emulator.faults.expireAllTokens()
        first = false
        return token
      },
    })
    const bytes = patternBytes(10 * KiB, 15)
    const path = await files.write('stale-sts.mp4', bytes)
    const result = await uploaderWith(plugin).upload({ path })
    expect(vodOperations()).toEqual([
      'CreateUploadVideo:InvalidSecurityToken.Expired',
      'CreateUploadVideo:200',
    ])
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
  })

  it('gives every malformed input its typed error, before anything is uploaded', async () => {
    const video = await files.write('input.mp4', patternBytes(1000, 16))
    const uploader = uploaderWith(modern())
    expect(() =>
      uploader.addFile({ path: video }, { meta: { userData: '{"Vod":{"Title":"x"}"}' } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'userData' }))
    expect(() =>
      uploader.addFile({ path: video }, { meta: { vod: { CateId: { a: 1 } } } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'userData.Vod.CateId' }))
    expect(() => sts({ region: 'Shanghai', getSTSToken: () => server.assumeRole() })).toThrow(
      expect.objectContaining({ field: 'region' }),
    )

    const empty = await files.write('empty.mp4', new Uint8Array(0))
    await expect(uploaderWith(modern()).upload({ path: empty })).rejects.toMatchObject({
      code: 'EMPTY_FILE',
    })

    const badToken = sts({
      endpoint: emulator.url,
      getSTSToken: async () => ({ accessKeyId: 'STS.x', securityToken: 't' }) as never,
    })
    await expect(uploaderWith(badToken).upload({ path: video })).rejects.toMatchObject({
      code: 'AUTH_INVALID',
      field: 'STSToken.accessKeySecret',
    })

    const text = await files.write('notes.txt', patternBytes(100, 17))
    await expect(uploaderWith(modern()).upload({ path: text })).rejects.toMatchObject({
      code: 'SERVICE_ERROR',
      serverCode: 'InvalidFileName.Extension',
    })
    expect(operations()).toEqual(['AssumeRole:200', 'CreateUploadVideo:InvalidFileName.Extension'])
  })
})

describe('an OpenAPI error that echoes the call (a hostile VOD)', () => {
  it('reaches the app, its hooks and logs without the Signature or the SecurityToken', async () => {
    const token = await server.assumeRole()
    emulator.faults.rewriteAnswer({
      operation: 'CreateUploadVideo',
      status: 400,
      body: JSON.stringify({
        RequestId: 'echo-1',
        Code: 'InvalidParameter',
        Message:
          'Signature={{signature}} refused; JSON {"SecurityToken":"{{security-token}}"}; query {{query}}; token param SecurityToken={{param:SecurityToken}}',
      }),
    })
    const uploader = uploaderWith(sts({ endpoint: emulator.url, getSTSToken: async () => token }))
    const seen: string[] = []
    uploader.hooks.log.tap('test', (record) => {
      seen.push(JSON.stringify(record))
    })
    uploader.hooks.fileFailed.tap('test', (_file, error) => {
      seen.push(error.message, JSON.stringify(error))
    })
    const path = await files.write('echoed.mp4', patternBytes(10 * KiB, 23))
    const error = await uploader.upload({ path }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SERVICE_ERROR', serverCode: 'InvalidParameter' })
    const { message } = error as Error
    expect(message).toMatch(
      /^CreateUploadVideo failed: InvalidParameter: Signature=\[redacted\] refused/,
    )
    expect(message).toContain('"SecurityToken":"[redacted]"')
    const everything = [message, JSON.stringify(error), ...seen].join('\n')
    for (const form of [
      token.SecurityToken,
      encodeURIComponent(token.SecurityToken),
      token.AccessKeySecret,
    ]) {
      expect(everything).not.toContain(form)
    }
  })
})

describe('plain HTTP', () => {
  const getSTSToken = () => server.assumeRole()

  it('refuses a VOD endpoint that is http:// to a host that is not loopback, unless allowPlainHttp', () => {
    for (const endpoint of [
      'http://10.0.0.8:9000',
      'http://169.254.169.254',
      'http://vod.example.com',
    ]) {
      expect(() => sts({ endpoint, getSTSToken })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'endpoint' }),
      )
      expect(() => sts({ endpoint, getSTSToken, allowPlainHttp: true })).not.toThrow()
    }
    for (const endpoint of [
      'http://127.0.0.1:9000',
      'http://localhost:9000',
      'http://[::1]:9000',
    ]) {
      expect(() => sts({ endpoint, getSTSToken })).not.toThrow()
    }
  })

  it('refuses an UploadAddress VOD answers with http:// to another host, before any OSS request', async () => {
    // A hostile VOD (or a proxy in between) that points the upload at plain HTTP on the metadata address.
    const transport = nodeTransport({ store: memoryStore() })
    const request = transport.transport.request.bind(transport.transport)
    transport.transport.request = async (req) => {
      const response = await request(req)
      if (!req.url.includes('Action=CreateUploadVideo') || response.status !== 200) return response
      const answer = JSON.parse(response.body)
      const address = JSON.parse(Buffer.from(answer.UploadAddress, 'base64').toString())
      address.Endpoint = 'http://169.254.169.254'
      answer.UploadAddress = Buffer.from(JSON.stringify(address)).toString('base64')
      return { ...response, body: JSON.stringify(answer) }
    }
    const uploader = createUploader(
      [transport, ossTarget(), sts({ endpoint: emulator.url, getSTSToken })],
      { partSize: 100 * KiB },
    )
    const path = await files.write('hostile.mp4', patternBytes(150 * KiB, 20))
    await expect(uploader.upload({ path })).rejects.toMatchObject({
      code: 'AUTH_INVALID',
      field: 'UploadAddress.Endpoint',
    })
    expect(operations()).toEqual(['AssumeRole:200', 'CreateUploadVideo:200'])
  })
})

describe('secrets', () => {
  it('never reach hook payloads, logs, errors or checkpoints', async () => {
    const transport = nodeTransport({ store: memoryStore() })
    const secrets = new Set<string>()
    const request = transport.transport.request.bind(transport.transport)
    transport.transport.request = async (req) => {
      const response = await request(req)
      if (!response.body.startsWith('{')) return response
      const body = JSON.parse(response.body)
      if (body.UploadAuth) {
        const { credentials } = decodeUploadAuth(body.UploadAuth)
        secrets.add(credentials.accessKeySecret).add(credentials.securityToken)
      }
      return response
    }
    const seen: string[] = []
    const observer: UploaderPlugin = {
      name: 'observer',
      apply(kernel) {
        const record =
          (name: string) =>
          (...args: unknown[]) => {
            seen.push(
              `${name} ${JSON.stringify(args, (_k, v) => (v instanceof Uint8Array ? v.length : v))}`,
            )
          }
        kernel.hooks.request.tapPromise('observer', async (req, info) => {
          record('request')(req, info)
          return req
        })
        for (const name of [
          'log',
          'warning',
          'fileFailed',
          'partUploaded',
          'progress',
          'stateChanged',
          'fileSucceeded',
          'response',
        ] as const) {
          ;(kernel.hooks[name] as { tap(n: string, f: (...a: unknown[]) => void): void }).tap(
            'observer',
            record(name),
          )
        }
        kernel.hooks.tokenExpired.tapPromise(
          { name: 'observer', before: 'auth-sts' },
          async (...args) => {
            record('tokenExpired')(...args)
            return undefined
          },
        )
        kernel.hooks.saveCheckpoint.tapPromise('observer', async (...args) => {
          record('saveCheckpoint')(...args)
          return undefined
        })
      },
    }
    const uploader = createUploader(
      [transport, ossTarget(), modern(), observer, expireAfterPart(1)],
      { partSize: 100 * KiB, concurrency: 2 },
    )
    const path = await files.write('secret.mp4', patternBytes(300 * KiB, 20))
    await uploader.upload({ path })
    for (const token of server.issued) secrets.add(token.AccessKeySecret).add(token.SecurityToken)
    expect(secrets.size).toBe(8)
    const all = seen.join('\n')
    expect(all).toContain('CreateUploadVideo')
    expect(all).toContain('saveCheckpoint')
    expect(all).toContain('tokenExpired')
    for (const secret of secrets) expect(all).not.toContain(secret)
  })
})
