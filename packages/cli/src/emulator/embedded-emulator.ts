import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UploadError } from '@vodup/core'
import type { Emulator } from '@vodup/emulator'

/** The built-in emulator of a run, and how to stop it (removing what it kept when it kept nothing for later). */
export interface EmbeddedEmulator {
  emulator: Emulator
  stop(): Promise<void>
}

/**
 * Starts the emulator inside the process for `vodup upload` without keys. With `dataDir`, its data is kept there
 * between runs (on a fixed port, so a checkpoint's endpoint and upload id still hold when the command runs again).
 * Without it, the emulator keeps its objects in a new directory under the system's temporary directory, removed
 * by `stop()`: nothing is left behind, and a large file costs disk rather than memory.
 */
export async function startEmbeddedEmulator(
  port: number,
  dataDir?: string,
): Promise<EmbeddedEmulator> {
  // Loaded only in emulator mode: uploads to VOD start faster without it.
  const { startEmulator } = await import('@vodup/emulator')
  const throwaway = dataDir ? undefined : await mkdtemp(join(tmpdir(), 'vodup-emulator-'))
  const removeThrowaway = async () => {
    if (throwaway) await rm(throwaway, { recursive: true, force: true })
  }
  try {
    const emulator = await startEmulator({ port, dataDir: dataDir ?? (throwaway as string) })
    return { emulator, stop: () => emulator.stop().finally(removeThrowaway) }
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
