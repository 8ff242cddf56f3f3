import type { Emulator } from '@vodup/emulator'
import { startEmbeddedEmulator } from '../emulator/embedded-emulator'
import type { UploadDestination } from '../options/upload-options'
import type { VodAccount } from '../vod/app-server'

/** The VOD account to upload with, and what to stop afterwards. */
export interface OpenDestination {
  account: VodAccount
  /** The built-in emulator, in emulator mode. */
  emulator?: Emulator
  close(): Promise<void>
}

/** Starts the built-in emulator in emulator mode; otherwise uses the keys and endpoint as given. */
export async function openDestination(destination: UploadDestination): Promise<OpenDestination> {
  if (destination.kind === 'vod') {
    const { credentials, region, endpoint } = destination
    return { account: { credentials, region, endpoint }, close: async () => {} }
  }
  const emulator = await startEmbeddedEmulator(destination.port, destination.dataDir)
  return {
    account: {
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
      region: emulator.region,
      endpoint: emulator.url,
    },
    emulator,
    close: () => emulator.stop(),
  }
}
