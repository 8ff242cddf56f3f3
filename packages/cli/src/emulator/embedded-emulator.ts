import { UploadError } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'

/**
 * Starts the emulator inside the process for `vodup upload` without keys: in memory (nothing written to disk), or
 * with `dataDir` kept between runs on a fixed port, so a checkpoint's endpoint and upload id still hold when the
 * command runs again.
 */
export async function startEmbeddedEmulator(port: number, dataDir?: string): Promise<Emulator> {
  // Loaded only in emulator mode: uploads to VOD start faster without it.
  const { startEmulator } = await import('@vodup/emulator')
  try {
    return await startEmulator({ port, ...(dataDir ? { dataDir } : {}) })
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      throw new UploadError(
        'NETWORK',
        `Port ${port} is already in use, so the built-in emulator cannot start. If \`vodup emulator\` runs there, pass --vod-endpoint http://127.0.0.1:${port} with its AccessKeys; otherwise choose another --emulator-port.`,
        { cause: error, retryable: false },
      )
    }
    throw new UploadError(
      'STORAGE_ERROR',
      `The built-in emulator could not start${dataDir ? ` with data in ${dataDir}` : ''}: ${(error as Error).message}`,
      { cause: error },
    )
  }
}
