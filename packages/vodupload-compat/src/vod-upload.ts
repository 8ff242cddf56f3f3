import {
  type CallbackCompat,
  callbackCompat,
  invokeCallback,
  type UploadInfo,
} from '@vodup/callback-compat'
import {
  createUploader,
  type FileMeta,
  type FileTask,
  isUploadError,
  type Kernel,
  type Uploader,
  type UploaderPlugin,
} from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { assertSecureEndpoint, isImageFile, normalizeEndpoint } from '@vodup/vod'
import { type AnswerRouter, answerRouter, takesAnswers } from './answer-router'
import { stsAnswer, uploadAuthAnswer } from './app-answer'
import { type InstanceState, RUNNING, STOPPABLE } from './instance-state'
import { invalidArgument } from './invalid-argument'
import { resolveOptions, type VODUploadOptions } from './options'
import type { VODUploadPlatform } from './platform'
import { checkUserData } from './user-data'

/**
 * VODUpload's API on a vodup uploader, for any platform; `VODUpload` (from `@vodup/vodupload-compat`) is this class
 * on WeChat or Node. Files go one at a time in list order, in parts, with retries, resume and credential refresh.
 */
export class VODUploadCore {
  /** The uploader underneath, for its hooks (`uploader.hooks.retry`, `uploader.hooks.log`...). */
  readonly uploader: Uploader
  private readonly compat: CallbackCompat
  private readonly router: AnswerRouter
  private readonly allowPlainHttp: boolean
  private kernel: Kernel | undefined
  private state: InstanceState = 'Init'
  /** Files deleted or cleared that the kernel is still canceling: already gone for the app. */
  private readonly leaving = new Set<string>()
  /** Settles when every action the app called so far settled; a start waits for it. */
  private queue: Promise<unknown> = Promise.resolve()
  /** Counts stops (stopUpload, cleanList): a start still queued when the app stops does not run. */
  private stops = 0

  constructor(options: VODUploadOptions, platform: VODUploadPlatform) {
    const resolved = resolveOptions(options, platform.maxParallel)
    this.allowPlainHttp = resolved.allowPlainHttp
    this.compat = callbackCompat(options)
    this.router = answerRouter({
      region: resolved.region,
      vodEndpoint: resolved.vodEndpoint,
      cname: resolved.cname,
      allowPlainHttp: resolved.allowPlainHttp,
      answersExpiry: () => typeof options.onUploadTokenExpired === 'function',
      tokenRefused: (file, error) =>
        invokeCallback(options, 'onUploadTokenExpired', this.infoOf(file), error),
      expiring: (waiting) => {
        if (waiting) this.state = 'Expire'
        else if (this.state === 'Expire') this.state = 'Start'
      },
    })
    const parallel = resolved.uploader.concurrency
    // An app without onUploadTokenExpired cannot refresh: no refresh ahead of expiry, and an expiry fails the file.
    const refreshAhead =
      typeof options.onUploadTokenExpired === 'function' ? {} : { refreshAheadMs: 0 }
    // The options are in range for the platform: nothing below refuses them.
    this.uploader = createUploader(
      [
        platform.transport(parallel !== undefined ? { parallel } : {}),
        platform.target ? platform.target() : ossTarget(),
        retry(resolved.retry),
        this.compat,
        ...this.router.plugins,
        this.statePlugin(),
      ],
      { ...resolved.uploader, ...refreshAhead },
    )
  }

  /**
   * Adds a file: `{ url, coverUrl }` from `wx.chooseVideo` in a mini program, `{ url: path }` in Node. `endpoint`,
   * `bucket` and `object`, when given, override the UploadAddress. `userData` is a JSON string such as
   * `'{"Vod":{"Title":"..."}}'`, or omitted. Returns false for a missing file or one already in the list. Throws
   * `INVALID_ARGUMENT` (and adds nothing) for invalid userData, naming the JSON problem, or an unusable file.
   */
  addFile(
    file: unknown,
    endpoint?: string | null,
    bucket?: string | null,
    object?: string | null,
    userData?: string | null,
  ): boolean {
    if (!file) return false
    const meta: FileMeta = {}
    const json = checkUserData(userData)
    if (json !== undefined) meta.userData = json
    for (const [field, value] of [
      ['endpoint', endpoint],
      ['bucket', bucket],
      ['object', object],
    ] as const) {
      if (value === undefined || value === null || value === '') continue
      if (typeof value !== 'string')
        throw invalidArgument(field, `addFile's ${field} must be a string.`)
      meta[field] = value
    }
    if (meta.endpoint !== undefined) {
      const endpoint = normalizeEndpoint(meta.endpoint as string)
      if (!endpoint) {
        throw invalidArgument(
          'endpoint',
          `addFile's endpoint "${meta.endpoint}" is not an http(s) URL.`,
        )
      }
      assertSecureEndpoint(endpoint, {
        field: 'endpoint',
        code: 'INVALID_ARGUMENT',
        allowPlainHttp: this.allowPlainHttp,
      })
    }
    const identity = this.live.transport.identify(file)
    if (this.visible().some((task) => task.key === identity.key)) return false
    meta.isImage = isImageFile({ name: identity.name, meta })
    try {
      this.uploader.addFile(file, { meta })
    } catch (error) {
      // The same file, deleted a moment ago, is still being canceled.
      if (isUploadError(error) && error.code === 'INVALID_ARGUMENT' && error.field === 'input')
        return false
      throw error
    }
    return true
  }

  /** Removes the file at `index` (canceling its upload). False when there is no such file. */
  deleteFile(index: number): boolean {
    const task = this.at(index)
    if (!task) return false
    this.leaving.add(task.id)
    this.uploader
      .removeFile(task.id)
      .catch((error) => this.report('deleteFile', error))
      .finally(() => this.leaving.delete(task.id))
    return true
  }

  /**
   * Cancels the file at `index`: its upload stops, its parts are discarded on the server, `onUploadCanceled`
   * follows. False when there is no such file or it is already uploaded.
   */
  cancelFile(index: number): boolean {
    const task = this.at(index)
    const shown = task && this.infoOf(task).state
    if (!task || shown === 'Success') return false
    if (shown === 'Canceled') return true
    // The file reads Canceled at once; the requests are aborted now, the server's upload discarded after.
    const release = this.compat.hold(task, 'Canceled')
    this.act('cancelFile', true, async () => {
      try {
        // Removed meanwhile, or uploaded before the cancel reached it: nothing to cancel.
        if (this.uploader.getFile(task.id) && task.state !== 'success')
          await this.uploader.cancelFile(task.id)
      } finally {
        release()
      }
    })
    return true
  }

  /** Makes the canceled file at `index` ready again (it uploads at the next or current start). */
  resumeFile(index: number): boolean {
    const task = this.at(index)
    if (!task || this.infoOf(task).state !== 'Canceled') return false
    // A cancel still discarding the upload finishes first; the file reads Ready meanwhile.
    const release = this.compat.hold(task, 'Ready')
    this.act('resumeFile', task.state === 'canceled', async () => {
      try {
        if (this.uploader.getFile(task.id)?.state === 'canceled') this.uploader.resumeFile(task.id)
      } finally {
        release()
      }
    })
    return true
  }

  /** The files' uploadInfo objects in list order (a new array of the objects the callbacks receive). */
  listFiles(): UploadInfo[] {
    return this.visible().map((task) => this.infoOf(task))
  }

  /** Stops the upload and empties the list. */
  cleanList(): void {
    const ids = this.visible().map((task) => task.id)
    for (const id of ids) this.leaving.add(id)
    if (STOPPABLE.has(this.state)) this.state = 'Stop'
    this.stops++
    // Only the files listed now: a file added right after cleanList() stays (apps call the two in a row).
    this.act('cleanList', true, async () => {
      try {
        await this.uploader.stop()
        for (const id of ids) if (this.uploader.getFile(id)) await this.uploader.removeFile(id)
      } finally {
        for (const id of ids) this.leaving.delete(id)
      }
    })
  }

  /**
   * Uploads the ready files one at a time in list order (stopped and failed files become ready first). Ignored
   * while started or while waiting for refreshed credentials.
   */
  startUpload(): void {
    if (RUNNING.has(this.state)) {
      console.warn(
        `[vodup] startUpload ignored: the upload is already ${this.state === 'Start' ? 'started' : 'waiting for credentials'}.`,
      )
      return
    }
    this.state = 'Start'
    const stops = this.stops
    // After the actions called before it (a stop still aborting); dropped if the app stops before it runs.
    this.act('startUpload', false, async () => {
      if (this.stops === stops) void this.uploader.start()
    })
  }

  /**
   * Stops the file uploading now: it reads `Stoped` when this returns, its requests in flight are aborted, and
   * the parts already uploaded are kept for a later start.
   */
  stopUpload(): void {
    if (!STOPPABLE.has(this.state)) return
    this.state = 'Stop'
    this.stops++
    const releases = this.visible()
      .filter((task) => this.infoOf(task).state === 'Uploading')
      .map((task) => this.compat.hold(task, 'Stoped'))
    this.act('stopUpload', true, async () => {
      try {
        await this.uploader.stop()
      } finally {
        for (const release of releases) release()
      }
    })
  }

  /**
   * Gives a file its credentials, usually in `onUploadstarted`: VOD's UploadAuth and UploadAddress (from
   * CreateUploadVideo, RefreshUploadVideo or CreateUploadImage) and the video id. Returns false, and fails the
   * file with `AUTH_INVALID`, when they do not decode; false too when the file is no longer uploading.
   */
  setUploadAuthAndAddress(
    uploadInfo: UploadInfo,
    uploadAuth: string,
    uploadAddress: string,
    videoId?: string,
  ): boolean {
    return this.answer('setUploadAuthAndAddress', uploadInfo, () =>
      uploadAuthAnswer(this.allowPlainHttp, uploadAuth, uploadAddress, videoId),
    )
  }

  /**
   * Gives a file STS credentials, usually in `onUploadstarted`: vodup then calls VOD itself (CreateUploadVideo,
   * CreateUploadImage for images, RefreshUploadVideo when the file has a videoId) with the file's userData.
   */
  setSTSToken(
    uploadInfo: UploadInfo,
    accessKeyId: string,
    accessKeySecret: string,
    securityToken: string,
  ): boolean {
    return this.answer('setSTSToken', uploadInfo, () =>
      stsAnswer(accessKeyId, accessKeySecret, securityToken),
    )
  }

  /**
   * Continues after `onUploadTokenExpired` with a fresh UploadAuth (RefreshUploadVideo's): same destination, same
   * multipart upload. False when no upload waits for credentials or the UploadAuth does not decode.
   */
  resumeUploadWithAuth(uploadAuth: string): boolean {
    return this.answerExpired('resumeUploadWithAuth', () =>
      uploadAuthAnswer(this.allowPlainHttp, uploadAuth),
    )
  }

  /**
   * Continues after `onUploadTokenExpired` with fresh STS credentials: vodup calls RefreshUploadVideo with the
   * file's videoId and goes on with the same multipart upload. `expireTime` is accepted and unused.
   */
  resumeUploadWithSTSToken(
    accessKeyId: string,
    accessKeySecret: string,
    securityToken: string,
    _expireTime?: string,
  ): boolean {
    return this.answerExpired('resumeUploadWithSTSToken', () =>
      stsAnswer(accessKeyId, accessKeySecret, securityToken),
    )
  }

  private get live(): Kernel {
    return this.kernel as Kernel
  }

  private statePlugin(): UploaderPlugin {
    return {
      name: 'vodupload',
      apply: (kernel) => {
        this.kernel = kernel
        kernel.hooks.fileStarted.tap('vodupload', () => {
          if (this.state === 'Failure') this.state = 'Start'
        })
        kernel.hooks.fileFailed.tap('vodupload', () => {
          if (this.state === 'Start') this.state = 'Failure'
        })
        kernel.hooks.end.tap('vodupload', () => {
          this.state = 'End'
        })
      },
    }
  }

  private visible(): FileTask[] {
    return this.uploader.listFiles().filter((task) => !this.leaving.has(task.id))
  }

  private at(index: number): FileTask | undefined {
    return Number.isInteger(index) && index >= 0 ? this.visible()[index] : undefined
  }

  private infoOf(task: FileTask): UploadInfo {
    return this.compat.uploadInfo(task) as UploadInfo
  }

  private answer(method: string, uploadInfo: unknown, read: Parameters<AnswerRouter['answer']>[1]) {
    const task = this.compat.fileOf(uploadInfo)
    if (!task) {
      throw invalidArgument(
        'uploadInfo',
        `${method} needs the uploadInfo object a callback received.`,
      )
    }
    if (
      this.leaving.has(task.id) ||
      !takesAnswers(task) ||
      this.infoOf(task).state !== 'Uploading'
    ) {
      console.warn(`[vodup] ${method} ignored: "${task.name}" is no longer uploading.`)
      return false
    }
    // False when the credentials do not decode: the file then fails with AUTH_INVALID (onUploadFailed says why).
    return this.router.answer(task, read)
  }

  private answerExpired(method: string, read: Parameters<AnswerRouter['answerExpired']>[0]) {
    if (!this.router.waitsForRefresh()) {
      console.warn(`[vodup] ${method} ignored: no upload waits for new credentials.`)
      return false
    }
    return this.router.answerExpired(read)
  }

  /**
   * Runs an app action `now` (its synchronous part before the method returns), or after every action called before
   * it settled. Either way a later start waits for it; a failure is reported on the console.
   */
  private act(method: string, now: boolean, action: () => Promise<void>): void {
    const begun = now ? action() : this.queue.then(action)
    const settled = begun.catch((error) => this.report(method, error))
    this.queue = Promise.all([this.queue, settled])
  }

  private report(method: string, error: unknown): void {
    console.error(`[vodup] ${method} failed`, error)
  }
}
