import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UploadError } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'

/**
 * Starts the emulator inside the process for `vodup upload` without keys. With `dataDir`, its data is kept there
 * between runs (on a fixed port, so a checkpoint's endpoint and upload id still hold when the command runs again).
 * Without it, the emulator keeps its objects in a new directory under the system's temporary directory, removed
 * when the emulator stops: nothing is left behind, and a large file costs disk rather than memory.
 */
export async function startEmbeddedEmulator(port: number, dataDir?: string): Promise<Emulator> {
  // Loaded only in emulator mode: uploads to VOD start faster without it.
  const { startEmulator } = await import('@vodup/emulator')
  const throwaway = dataDir ? undefined : await mkdtemp(join(tmpdir(), 'vodup-emulator-'))
  const removeThrowaway = async () => {
    if (throwaway) await rm(throwaway, { recursive: true, force: true })
  }
  try {
    const emulator = await startEmulator({ port, dataDir: dataDir ?? (throwaway as string) })
    if (!throwaway) return emulator
    const stop = emulator.stop.bind(emulator)
    let stopped: Promise<void> | undefined
    emulator.stop = () => {
      stopped ??= stop().finally(removeThrowaway)
      return stopped
    }
    return emulator
  } catch (error) {
    await removeThrowaway()
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
