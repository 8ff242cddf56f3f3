import type { HttpRequest, HttpResponse } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'
import { type AssumeRoleCredentials, callVodApi } from '../src/index'

/** What an app server does in STS mode: mint STS tokens with AssumeRole, signed by this package's RPC client. */
export function stsAppServer(
  emulator: Emulator,
  send: (request: HttpRequest) => Promise<HttpResponse>,
) {
  const issued: AssumeRoleCredentials[] = []
  return {
    issued,
    async assumeRole(): Promise<AssumeRoleCredentials> {
      const answer = await callVodApi(send, {
        action: 'AssumeRole',
        version: '2015-04-01',
        endpoint: emulator.url,
        params: {
          RoleArn: 'acs:ram::1234567890:role/uploader',
          RoleSessionName: 'vodup-test',
          DurationSeconds: 3600,
        },
        credentials: {
          accessKeyId: emulator.accessKeyId,
          accessKeySecret: emulator.accessKeySecret,
        },
      })
      const token = answer.Credentials as AssumeRoleCredentials
      issued.push(token)
      return token
    },
  }
}

/** The emulator's account keys, as an app server holds them. */
export function accountKeys(emulator: Emulator) {
  return { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret }
}
