import { readFileSync } from 'node:fs'
import type vm from 'node:vm'
import type { Uploader } from '@vodup/core'
import { createMiniProgramContext, runInMiniProgram } from '#test-support'
import { builtFile } from './built'
import type { AuthMode } from './stacks'
import type { World } from './world'

/** An uploadInfo as VODUpload's callbacks and listFiles give it. */
export interface UploadInfoLike {
  state: string
  videoId?: string
  url?: string
  bucket?: string
  object?: string
  [key: string]: unknown
}

/** VODUpload's documented methods. */
export interface VODUploadLike {
  addFile(
    file: unknown,
    endpoint?: unknown,
    bucket?: unknown,
    object?: unknown,
    userData?: unknown,
  ): boolean
  deleteFile(index: unknown): boolean
  cancelFile(index: unknown): boolean
  resumeFile(index: unknown): boolean
  listFiles(): UploadInfoLike[]
  cleanList(): void
  startUpload(): void
  stopUpload(): void
  setUploadAuthAndAddress(
    info: unknown,
    auth: unknown,
    address: unknown,
    videoId?: unknown,
  ): boolean
  setSTSToken(info: unknown, id: unknown, secret: unknown, token: unknown): boolean
  resumeUploadWithAuth(auth: unknown): boolean
  resumeUploadWithSTSToken(id: unknown, secret: unknown, token: unknown, expire?: unknown): boolean
  /** The vodup uploader underneath, for its hooks. */
  readonly uploader: Uploader
}

export type VODUploadClass = new (options?: Record<string, unknown>) => VODUploadLike

/**
 * Loads the single file `dist/vodupload.wx.js` as a mini program loads a copied file: CommonJS, in a context with
 * only a mini program's globals and `wx`, code generation from strings disabled.
 */
export async function loadVODUpload(
  wx: unknown,
): Promise<{ VODUpload: VODUploadClass; context: vm.Context }> {
  const code = readFileSync(
    await builtFile('packages/vodupload-compat/dist/vodupload.wx.js'),
    'utf8',
  )
  const context = createMiniProgramContext({ wx })
  context.module = { exports: {} }
  context.exports = context.module.exports
  runInMiniProgram(code, context)
  return { VODUpload: context.module.exports as VODUploadClass, context }
}

/** One callback call. */
export interface CallbackCall {
  name: string
  args: unknown[]
}

const CALLBACKS = [
  'addFileSuccess',
  'onUploadstarted',
  'onUploadSucceed',
  'onUploadFailed',
  'onUploadProgress',
  'onUploadTokenExpired',
  'onUploadCanceled',
  'onUploadEnd',
] as const

/**
 * A mini program written against VODUpload's documentation: it answers `onUploadstarted` with its server's
 * UploadAuth (or STS credentials) and `onUploadTokenExpired` with fresh ones. `answer` may take over a file's
 * first answer (return true). Every callback call is recorded, and its arguments go to the secret watch.
 */
export function vodUploadApp(
  VODUpload: VODUploadClass,
  world: World,
  mode: AuthMode,
  answer: (info: UploadInfoLike, uploader: VODUploadLike) => boolean = () => false,
) {
  const calls: CallbackCall[] = []
  let uploader: VODUploadLike | undefined
  const app: Record<string, (...args: unknown[]) => void> = {
    onUploadstarted(info) {
      const file = info as UploadInfoLike
      if (answer(file, uploader as VODUploadLike)) return
      if (mode === 'sts') {
        void world.server.assumeRole().then((sts) => {
          uploader?.setSTSToken(file, sts.AccessKeyId, sts.AccessKeySecret, sts.SecurityToken)
        })
        return
      }
      const reply = file.videoId
        ? world.server.refreshUploadVideo(file.videoId)
        : world.server.createUploadVideo(
            String(file.url ?? 'video.mp4')
              .split('/')
              .pop() as string,
          )
      void reply.then((r) => {
        uploader?.setUploadAuthAndAddress(file, r.UploadAuth, r.UploadAddress, r.VideoId)
      })
    },
    onUploadTokenExpired(info) {
      const file = info as UploadInfoLike
      if (mode === 'sts') {
        void world.server.assumeRole().then((sts) => {
          uploader?.resumeUploadWithSTSToken(
            sts.AccessKeyId,
            sts.AccessKeySecret,
            sts.SecurityToken,
          )
        })
        return
      }
      void world.server.refreshUploadVideo(file.videoId as string).then((r) => {
        uploader?.resumeUploadWithAuth(r.UploadAuth)
      })
    },
  }
  const callbacks: Record<string, (...args: unknown[]) => void> = {}
  for (const name of CALLBACKS) {
    callbacks[name] = (...args: unknown[]) => {
      calls.push({ name, args })
      world.watch.record(`VODUpload ${name}`, args)
      app[name]?.(...args)
    }
  }
  uploader = new VODUpload({
    partSize: 102400,
    parallel: 2,
    retryDuration: 0.01,
    vodEndpoint: world.emulator.url,
    ...callbacks,
  })
  return { uploader, calls }
}

/** Resolves when `condition` holds, checking every few ms; rejects after `timeoutMs`. */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
