import type { Authorization, FileTask, UploaderPlugin } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'
import { appServer } from './app-server'

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

/**
 * A test auth plugin that authorizes files straight to the emulator's OSS (default bucket), and authorizes them
 * again on a token expiry. `counts` tells how often it did each.
 */
export function emulatorAuth(
  emulator: Emulator,
  options: EmulatorAuthOptions = {},
): UploaderPlugin & { counts: { authorize: number; refresh: number } } {
  const counts = { authorize: 0, refresh: 0 }
  const credentials = async (): Promise<Authorization['credentials']> => {
    if (options.mode !== 'sts') {
      return { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret }
    }
    const token = await appServer(emulator).assumeRole()
    return {
      accessKeyId: token.AccessKeyId,
      accessKeySecret: token.AccessKeySecret,
      securityToken: token.SecurityToken,
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
      kernel.hooks.authorize.tapPromise('emulator-auth', async ({ file }) => {
        counts.authorize++
        return authorize(file)
      })
      kernel.hooks.tokenExpired.tapPromise('emulator-auth', async ({ file }) => {
        counts.refresh++
        return authorize(file)
      })
    },
  }
}
