import { type HttpRequest, isUploadError, type Transport } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'
import { nodeTransport } from '@vodup/transport-node'
import { callVodApi } from '@vodup/vod'
import { memoryStore } from './memory-store'

let transport: Transport | undefined
/** Attempts of one app-server request that failed without an answer. */
const ATTEMPTS = 3
/**
 * Sends the app server's requests, over one @vodup/transport-node made on first use. A request that got no answer
 * (`NETWORK`: on a loaded machine, a kept-alive connection the emulator closed just as it was reused) is sent again,
 * as a real app server's HTTP client does, so that the suites measure vodup and not the test's app server.
 */
async function send(request: HttpRequest) {
  transport ??= nodeTransport({ store: memoryStore() }).transport
  for (let attempt = 1; ; attempt++) {
    try {
      return await transport.request(request)
    } catch (error) {
      if (!isUploadError(error) || error.code !== 'NETWORK' || attempt >= ATTEMPTS) throw error
    }
  }
}

/** What VOD's upload actions answer (CreateUploadVideo, RefreshUploadVideo, CreateUploadImage). */
export interface VodUploadAnswer {
  RequestId: string
  UploadAuth: string
  UploadAddress: string
  VideoId?: string
  ImageId?: string
  ImageURL?: string
}

/** STS credentials as AssumeRole answers them. */
export interface StsCredentials {
  AccessKeyId: string
  AccessKeySecret: string
  SecurityToken: string
  Expiration: string
}

/**
 * The app server of the tests: it holds the emulator's account keys (which never reach the uploader) and calls
 * VOD (CreateUploadVideo, RefreshUploadVideo, CreateUploadImage) and STS (AssumeRole) on the emulator, as a real
 * app server does on Alibaba Cloud. Its RPC client is @vodup/auth-sts's `callVodApi`, which follows the server's
 * clock, so it keeps working while a test skews the emulator's clock to play a device whose clock is off.
 * `calls` lists the actions it called, `issued` the STS credentials it handed out.
 */
export function appServer(emulator: Emulator) {
  const calls: string[] = []
  const issued: StsCredentials[] = []
  const call = async <T>(action: string, params: Record<string, string>, version?: string) => {
    calls.push(action)
    const answer = await callVodApi(send, {
      action,
      params,
      version,
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
      endpoint: emulator.url,
    })
    return answer as unknown as T
  }
  return {
    calls,
    issued,
    createUploadVideo: (fileName: string, title = fileName) =>
      call<VodUploadAnswer>('CreateUploadVideo', { Title: title, FileName: fileName }),
    refreshUploadVideo: (videoId: string) =>
      call<VodUploadAnswer>('RefreshUploadVideo', { VideoId: videoId }),
    createUploadImage: (extension: string, title?: string) =>
      call<VodUploadAnswer>('CreateUploadImage', {
        ImageType: 'default',
        ImageExt: extension,
        ...(title === undefined ? {} : { Title: title }),
      }),
    async assumeRole(): Promise<StsCredentials> {
      const { Credentials } = await call<{ Credentials: StsCredentials }>(
        'AssumeRole',
        { RoleArn: 'acs:ram::1234567890:role/uploader', RoleSessionName: 'vodup-test' },
        '2015-04-01',
      )
      issued.push(Credentials)
      return Credentials
    },
  }
}

/** The app server {@link appServer} returns. */
export type AppServer = ReturnType<typeof appServer>
