import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Uploader, UploaderOptions } from '@vodup/core'
import { createWxDouble, type WxDouble, type WxDoubleOptions } from '@vodup/transport-wx/double'
import { rewrittenAnswers } from './acks'
import type { Tally } from './ledger'
import { codeOf, observeHooks } from './observe'
import { trackResends, wireResends } from './resends'
import { type AuthMode, miniProgramUploader, nodeUploader, type WxTransportConfig } from './stacks'
import { recordDirectory, type World } from './world'

export type Platform = 'Node' | 'mini program'

/** One file on one platform: its input, uploaders made for it (app sessions), and what they leave behind. */
export interface PlatformSession {
  readonly input: unknown
  readonly double?: WxDouble
  /** A new uploader (a new app session) sharing the file, its checkpoints and, in WeChat, the wx storage. */
  uploader(mode: AuthMode, options: UploaderOptions): Promise<Uploader>
  /** Records the checkpoint files or the wx storage as they are now (synchronously, e.g. from a hook). */
  recordStore(): void
  /** Records checkpoint files or wx storage as artefacts, checks the wire for resent parts, frees the session. */
  close(tally: Tally): Promise<void>
}

/** Writes the file where the platform reads it (a path in Node, a temp file of the wx double in WeChat). */
export async function openPlatform(
  world: World,
  platform: Platform,
  dir: string,
  bytes: Uint8Array,
  label: string,
  settings: { transport?: WxTransportConfig; double?: WxDoubleOptions } = {},
): Promise<PlatformSession> {
  await mkdir(dir, { recursive: true })
  const checkpointDir = join(dir, 'checkpoints')
  if (platform === 'Node') {
    const path = join(dir, 'video.mp4')
    await writeFile(path, bytes)
    return {
      input: { path },
      uploader: async (mode, options) => nodeUploader(world, { mode, options }, checkpointDir),
      recordStore: () => recordDirectory(world.watch, checkpointDir, `${label} checkpoints`),
      async close() {
        recordDirectory(world.watch, checkpointDir, `${label} checkpoints`)
        await rm(dir, { recursive: true, force: true })
      },
    }
  }
  const double = createWxDouble({ hideKillDelayMs: 50, ...settings.double })
  const tempFilePath = double.files.create(bytes, { name: 'video.mp4' })
  const recordStore = () => {
    for (const key of double.storage.keys()) {
      world.watch.record(`${label} wx storage`, double.storage.raw(key))
    }
  }
  return {
    input: { tempFilePath, size: bytes.length },
    double,
    uploader: (mode, options) =>
      miniProgramUploader(world, double, { mode, options }, settings.transport),
    recordStore,
    async close(tally) {
      recordStore()
      wireResends(double.network.calls, tally, rewrittenAnswers(world.emulator.requests()))
      double.dispose()
    },
  }
}

/**
 * Observes an uploader's hooks: payloads become artefacts, error codes go to the tally, and a part sent again after
 * its acknowledgement counts in `duplicateAcks`.
 */
export function watchUploader(world: World, tally: Tally, uploader: Uploader, label: string): void {
  observeHooks(uploader.hooks, world.watch, label, (_hook, error) => tally.error(codeOf(error)))
  trackResends(uploader, tally)
}
