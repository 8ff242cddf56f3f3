import type { Emulator } from '@vodup/emulator'
import { startEmbeddedEmulator } from '../emulator/embedded-emulator'
import type { UploadDestination } from '../options/upload-options'
import type { DestinationInfo } from '../output/reporter'
import type { VodAccount } from '../vod/app-server'

/** The VOD account to upload with, and what to stop afterwards. */
export interface OpenDestination {
  account: VodAccount
  /** The built-in emulator, in emulator mode. */
  emulator?: Emulator
  close(): Promise<void>
}

/** How the run announces a destination, before it is opened (the built-in emulator's port is not known yet). */
export function destinationInfo(destination: UploadDestination): DestinationInfo {
  return destination.kind === 'vod'
    ? {
        destination: 'vod',
        endpoint: destination.endpoint,
        region: destination.region,
        credentialSource: destination.credentialSource,
      }
    : { destination: 'emulator', ...(destination.dataDir ? { dataDir: destination.dataDir } : {}) }
}

/**
 * The key the record of finished uploads is kept under: the VOD endpoint, or the emulator's data directory (an
 * keyless emulator keeps no record).
 */
export function destinationKey(destination: UploadDestination): string | undefined {
  if (destination.kind === 'vod') return destination.endpoint
  return destination.dataDir ? `emulator:${destination.dataDir}` : undefined
}

/** Starts the built-in emulator in emulator mode; otherwise uses the keys and endpoint as given. */
export async function openDestination(destination: UploadDestination): Promise<OpenDestination> {
  if (destination.kind === 'vod') {
    const { credentials, region, endpoint, allowPlainHttp } = destination
    return {
      account: { credentials, region, endpoint, ...(allowPlainHttp ? { allowPlainHttp } : {}) },
      close: async () => {},
    }
  }
  const { emulator, stop } = await startEmbeddedEmulator(destination.port, destination.dataDir)
  return {
    account: {
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
      region: emulator.region,
      endpoint: emulator.url,
    },
    emulator,
    close: stop,
  }
}
