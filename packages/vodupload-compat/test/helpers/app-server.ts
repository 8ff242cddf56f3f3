import { callVodApi } from '@vodup/auth-sts'
import type { Emulator } from '@vodup/emulator'
import { nodeTestTransport } from '#test-support'

/** What VOD's upload actions answer. */
export interface UploadCredentials {
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
 * The app server of the tests: it holds the account keys and calls VOD (CreateUploadVideo, RefreshUploadVideo,
 * CreateUploadImage) and STS (AssumeRole) on the emulator, as a real app server would on Alibaba Cloud.
 */
export function appServer(emulator: Emulator) {
  const send = nodeTestTransport().transport.request
  const account = {
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  }
  const vod = async (action: string, params: Record<string, string>) =>
    (await callVodApi(send, {
      action,
      params,
      credentials: account,
      endpoint: emulator.url,
    })) as unknown as UploadCredentials
  return {
    createUploadVideo: (title: string, fileName: string) =>
      vod('CreateUploadVideo', { Title: title, FileName: fileName }),
    refreshUploadVideo: (videoId: string) => vod('RefreshUploadVideo', { VideoId: videoId }),
    createUploadImage: (title: string, imageExt: string) =>
      vod('CreateUploadImage', { Title: title, ImageType: 'default', ImageExt: imageExt }),
    async assumeRole(): Promise<StsCredentials> {
      const answer = await callVodApi(send, {
        action: 'AssumeRole',
        version: '2015-04-01',
        params: { RoleArn: 'acs:ram::1234567890:role/uploader', RoleSessionName: 'vodup-app' },
        credentials: account,
        endpoint: emulator.url,
      })
      return answer.Credentials as StsCredentials
    },
  }
}

export type AppServer = ReturnType<typeof appServer>
