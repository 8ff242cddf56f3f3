import { callVodApi } from '@vodup/auth-sts'
import type { Emulator } from '@vodup/emulator'
import { nodeTestTransport } from '#test-support'
import type { SecretWatch } from './secrets'

/** What VOD's CreateUploadVideo / RefreshUploadVideo answer. */
export interface VodUploadAnswer {
  VideoId: string
  UploadAuth: string
  UploadAddress: string
  RequestId: string
}

/** AssumeRole's credentials. */
export interface StsCredentials {
  AccessKeyId: string
  AccessKeySecret: string
  SecurityToken: string
  Expiration: string
}

/**
 * The app server: it holds the account keys and calls VOD and STS on the emulator, as a real one would on Alibaba
 * Cloud. Every secret it hands out is given to the secret watch.
 */
export function appServer(emulator: Emulator, watch: SecretWatch) {
  const send = nodeTestTransport().transport.request
  const credentials = {
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  }
  const calls = { create: 0, refresh: 0, assumeRole: 0 }

  const learnUploadAuth = (answer: VodUploadAnswer) => {
    watch.addSecret(answer.UploadAuth)
    const auth = JSON.parse(Buffer.from(answer.UploadAuth, 'base64').toString('utf8'))
    watch.addSecret(auth.AccessKeySecret)
    watch.addSecret(auth.SecurityToken)
    return answer
  }
  const vod = async (action: string, params: Record<string, string>) =>
    learnUploadAuth(
      (await callVodApi(send, {
        action,
        params,
        credentials,
        endpoint: emulator.url,
      })) as unknown as VodUploadAnswer,
    )

  return {
    calls,
    createUploadVideo(fileName: string) {
      calls.create++
      return vod('CreateUploadVideo', { Title: fileName, FileName: fileName })
    },
    refreshUploadVideo(videoId: string) {
      calls.refresh++
      return vod('RefreshUploadVideo', { VideoId: videoId })
    },
    async assumeRole(): Promise<StsCredentials> {
      calls.assumeRole++
      const answer = await callVodApi(send, {
        action: 'AssumeRole',
        version: '2015-04-01',
        params: { RoleArn: 'acs:ram::1234567890:role/uploader', RoleSessionName: 'vodup-faults' },
        credentials,
        endpoint: emulator.url,
      })
      const sts = answer.Credentials as StsCredentials
      watch.addSecret(sts.AccessKeySecret)
      watch.addSecret(sts.SecurityToken)
      return sts
    },
  }
}

export type AppServer = ReturnType<typeof appServer>
