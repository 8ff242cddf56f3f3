import RPCClient from '@alicloud/pop-core'
import type { Emulator } from '@vodup/emulator'

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
 * VOD (CreateUploadVideo, RefreshUploadVideo, CreateUploadImage) and STS (AssumeRole) with the official OpenAPI
 * client, as a real app server does on Alibaba Cloud. `calls` lists the actions it called, `issued` the STS
 * credentials it handed out.
 */
export function appServer(emulator: Emulator) {
  const client = (apiVersion: string) =>
    new RPCClient({
      endpoint: emulator.url,
      apiVersion,
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
    })
  const vod = client('2017-03-21')
  const sts = client('2015-04-01')
  const calls: string[] = []
  const issued: StsCredentials[] = []
  const call = <T>(api: RPCClient, action: string, params: object) => {
    calls.push(action)
    return api.request<T>(action, params, { method: 'GET' })
  }
  return {
    calls,
    issued,
    createUploadVideo: (fileName: string, title = fileName) =>
      call<VodUploadAnswer>(vod, 'CreateUploadVideo', { Title: title, FileName: fileName }),
    refreshUploadVideo: (videoId: string) =>
      call<VodUploadAnswer>(vod, 'RefreshUploadVideo', { VideoId: videoId }),
    createUploadImage: (extension: string, title?: string) =>
      call<VodUploadAnswer>(vod, 'CreateUploadImage', {
        ImageType: 'default',
        ImageExt: extension,
        ...(title === undefined ? {} : { Title: title }),
      }),
    async assumeRole(): Promise<StsCredentials> {
      const answer = await call<{ Credentials: StsCredentials }>(sts, 'AssumeRole', {
        RoleArn: 'acs:ram::1234567890:role/uploader',
        RoleSessionName: 'vodup-test',
      })
      issued.push(answer.Credentials)
      return answer.Credentials
    },
  }
}

/** The app server {@link appServer} returns. */
export type AppServer = ReturnType<typeof appServer>
