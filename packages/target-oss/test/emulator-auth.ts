import { createRequire } from 'node:module'
import type { Authorization, FileTask, UploaderPlugin } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'

const require = createRequire(import.meta.url)
const { RPCClient } = require('@alicloud/pop-core') as {
  RPCClient: new (
    config: Record<string, unknown>,
  ) => {
    request(action: string, params: Record<string, unknown>, options?: object): Promise<unknown>
  }
}

/** Options of {@link emulatorAuth}. */
export interface EmulatorAuthOptions {
  /** `account`: the emulator's root keys; `sts`: a fresh AssumeRole token for each authorization. */
  mode?: 'account' | 'sts'
  /** The object key of a file; default `uploads/<file name>`. */
  objectKey?: (file: FileTask) => string
  /** Replaces the secret (to provoke SignatureDoesNotMatch) or the key id. */
  override?: Partial<Authorization['credentials']>
  /** Sets `destination.region` (needed by V4 on the IP endpoint). */
  region?: boolean
}

/** A test auth plugin that authorizes files against the emulator, and refreshes STS tokens on expiry. */
export function emulatorAuth(
  emulator: Emulator,
  options: EmulatorAuthOptions = {},
): UploaderPlugin & { counts: { authorize: number; refresh: number } } {
  const counts = { authorize: 0, refresh: 0 }
  const rpc = new RPCClient({
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.url,
    apiVersion: '2015-04-01',
  })
  const credentials = async (): Promise<Authorization['credentials']> => {
    if (options.mode !== 'sts') {
      return { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret }
    }
    const answer = (await rpc.request(
      'AssumeRole',
      { RoleArn: 'acs:ram::1234567890:role/uploader', RoleSessionName: 'vodup-test' },
      { method: 'GET' },
    )) as {
      Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }
    }
    return {
      accessKeyId: answer.Credentials.AccessKeyId,
      accessKeySecret: answer.Credentials.AccessKeySecret,
      securityToken: answer.Credentials.SecurityToken,
    }
  }
  const authorize = async (file: FileTask): Promise<Authorization> => ({
    credentials: { ...(await credentials()), ...options.override },
    destination: {
      endpoint: emulator.url,
      bucket: emulator.defaultBucket,
      objectKey: options.objectKey ? options.objectKey(file) : `uploads/${file.name}`,
      ...(options.region ? { region: emulator.region } : {}),
    },
  })
  return {
    name: 'emulator-auth',
    counts,
    apply(kernel) {
      kernel.hooks.authorize.tapPromise('emulator-auth', async (file) => {
        counts.authorize++
        return authorize(file)
      })
      kernel.hooks.tokenExpired.tapPromise('emulator-auth', async (file) => {
        counts.refresh++
        return authorize(file)
      })
    },
  }
}
