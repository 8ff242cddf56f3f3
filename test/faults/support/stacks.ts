import { sts } from '@vodup/auth-sts'
import { uploadAuth } from '@vodup/auth-uploadauth'
import {
  createUploader,
  type FileTask,
  type Uploader,
  type UploaderOptions,
  type UploaderPlugin,
} from '@vodup/core'
import { type RetryOptions, retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import type { WxDouble } from '@vodup/transport-wx/double'
import { bundleForMiniProgram, createMiniProgramContext, runInMiniProgram } from '#test-support'
import type { VodUploadAnswer } from './app-server'
import type { World } from './world'

/** How the app gets credentials: UploadAuth from its server, or STS tokens with which vodup calls VOD itself. */
export type AuthMode = 'upload-auth' | 'sts'

/**
 * The retry settings of the suite's uploaders: the budget an app gives on a network that fails a third of its
 * requests. The default (3 retries after failures in a row) gives up after 4 failures in a row, which at a third
 * happens to about one request in 80; 12 makes it one in a million. Short delays keep the suite fast.
 */
export const SUITE_RETRY: RetryOptions = { retries: 12, minTimeout: 50, maxTimeout: 1000 }

/** What one uploader of a scenario is built with. */
export interface StackConfig {
  mode: AuthMode
  options: UploaderOptions
  retry?: RetryOptions
  /** UploadAuth mode: the app server's answer for a file instead of CreateUploadVideo's, when it returns one. */
  answer?: (file: FileTask) => unknown
  /** Node: another transport plugin than `nodeTransport({ checkpointDir })`. */
  transport?: UploaderPlugin
}

/** The Node stack: transport-node (checkpoints in `checkpointDir`), target-oss, retry and an auth strategy. */
export function nodeUploader(world: World, config: StackConfig, checkpointDir: string): Uploader {
  const { server, emulator } = world
  const auth =
    config.mode === 'sts'
      ? sts({ endpoint: emulator.url, getSTSToken: () => server.assumeRole() })
      : uploadAuth({
          getUploadAuth: async (file) =>
            (config.answer?.(file) as VodUploadAnswer | undefined) ??
            server.createUploadVideo(file.name),
          refreshUploadAuth: (file) => server.refreshUploadVideo(file.videoId as string),
        })
  return createUploader(
    [
      config.transport ?? nodeTransport({ checkpointDir }),
      ossTarget(),
      retry(config.retry ?? SUITE_RETRY),
      auth,
    ],
    config.options,
  )
}

/** The same stack for WeChat, bundled to ES2017 and run in a mini-program `vm` context (wx = the double). */
const MINI_PROGRAM_APP = `
import { sts } from '@vodup/auth-sts'
import { uploadAuth } from '@vodup/auth-uploadauth'
import { createUploader } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { wxTransport } from '@vodup/transport-wx'

globalThis.createApp = function (config) {
  const auth =
    config.mode === 'sts'
      ? sts({ endpoint: config.vodEndpoint, getSTSToken: () => appServer.assumeRole() })
      : uploadAuth({
          getUploadAuth: (file) => appServer.createUploadVideo(file.name),
          refreshUploadAuth: (file) => appServer.refreshUploadVideo(file.videoId),
        })
  return createUploader(
    [wxTransport(config.transport), ossTarget(), retry(config.retry), auth],
    config.options,
  )
}
`

let bundle: Promise<string> | undefined

/** Options of wxTransport in the suite. */
export interface WxTransportConfig {
  concurrency?: number
  networkSettleMs?: number
  /** Small files go through `wx.uploadFile` (OSS PostObject). */
  formUpload?: { maxSize: number }
}

/** A mini program's uploader on the wx double, created inside a fresh mini-program context. */
export async function miniProgramUploader(
  world: World,
  double: WxDouble,
  config: StackConfig,
  transport: WxTransportConfig = {},
): Promise<Uploader> {
  bundle ??= bundleForMiniProgram(MINI_PROGRAM_APP)
  const context = createMiniProgramContext({ wx: double.wx, appServer: world.server })
  runInMiniProgram(await bundle, context)
  const createApp = context.createApp as (config: object) => Uploader
  return createApp({
    mode: config.mode,
    vodEndpoint: world.emulator.url,
    transport: { networkSettleMs: 100, ...transport, wx: double.wx },
    retry: config.retry ?? SUITE_RETRY,
    options: config.options,
  })
}
