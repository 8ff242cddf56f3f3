import type { Authorization, FileTask, UploaderPlugin } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'

/** Authorizes every file with the emulator's account keys, to `uploads/<file name>` in its bucket. */
export function emulatorAccount(emulator: Emulator): UploaderPlugin {
  const authorize = async (file: FileTask): Promise<Authorization> => ({
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    destination: {
      endpoint: emulator.url,
      bucket: emulator.defaultBucket,
      objectKey: `uploads/${file.name}`,
    },
  })
  return {
    name: 'emulator-account',
    apply(kernel) {
      kernel.hooks.authorize.tapPromise('emulator-account', authorize)
    },
  }
}
