import type { Emulator } from '@vodup/emulator'
import {
  type StsCredentials,
  appServer as testAppServer,
  type VodUploadAnswer,
} from '#test-support'
import type { SecretWatch } from './secrets'

export type { StsCredentials, VodUploadAnswer }

/**
 * The shared test app server, with every secret it hands out given to the secret watch, and call counts for the
 * suite's table.
 */
export function appServer(emulator: Emulator, watch: SecretWatch) {
  const server = testAppServer(emulator)
  const calls = { create: 0, refresh: 0, assumeRole: 0 }
  const learn = (answer: VodUploadAnswer) => {
    watch.addSecret(answer.UploadAuth)
    const auth = JSON.parse(Buffer.from(answer.UploadAuth, 'base64').toString('utf8'))
    watch.addSecret(auth.AccessKeySecret)
    watch.addSecret(auth.SecurityToken)
    return answer
  }
  return {
    calls,
    async createUploadVideo(fileName: string) {
      calls.create++
      return learn(await server.createUploadVideo(fileName))
    },
    async refreshUploadVideo(videoId: string) {
      calls.refresh++
      return learn(await server.refreshUploadVideo(videoId))
    },
    async assumeRole(): Promise<StsCredentials> {
      calls.assumeRole++
      const sts = await server.assumeRole()
      watch.addSecret(sts.AccessKeySecret)
      watch.addSecret(sts.SecurityToken)
      return sts
    },
  }
}

export type AppServer = ReturnType<typeof appServer>
