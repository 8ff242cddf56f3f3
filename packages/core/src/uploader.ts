import { type CancelController, createCancelController } from './cancel'
import { discardUpload } from './discard-upload'
import { isUploadError, toUploadError, UploadError } from './errors'
import { extensionProblem, setExtensions } from './file-extensions'
import { FileRecord } from './file-record'
import { FileRun } from './file-run'
import { isActive, transition } from './file-state'
import type { AddFileOptions, FileTask, UploadResult } from './file-task'
import { uploadFile } from './file-upload'
import type { Gate } from './gate'
import type { RunSummary, UploaderHooks } from './hooks'
import { KernelHost } from './kernel-host'
import { resolveOptions, type UploaderOptions, validateOptions } from './options'
import { platformGate } from './platform-gate'
import { type PluginInput, resolvePlugins } from './plugin'

/** The uploader: a list of files and the machinery that uploads them. */
export interface Uploader {
  /** The kernel's hooks; see {@link UploaderHooks}. */
  readonly hooks: UploaderHooks
  /** True between `start()` and the end of that run. */
  readonly running: boolean
  /**
   * Adds a file (a transport-specific input: `{ path }` in Node, `{ url }` in WeChat). Throws `INVALID_ARGUMENT`
   * for an unusable input or a file already in the list. While a run is going, the file joins it.
   */
  addFile(input: unknown, options?: AddFileOptions): FileTask
  getFile(id: string): FileTask | undefined
  /** The files in list order (a copy of the list; the file objects are live). */
  listFiles(): FileTask[]
  /** Removes a file. An uploading file is canceled first (its server upload aborted). */
  removeFile(id: string): Promise<void>
  /** Cancels a file: stops it, aborts its multipart upload on the server and drops its checkpoint. */
  cancelFile(id: string): Promise<void>
  /** Makes a canceled file ready again. */
  resumeFile(id: string): void
  /** Stops the run and empties the list. Checkpoints stay, so the same files resume when added again. */
  clear(): Promise<void>
  /**
   * Uploads every ready file (stopped and failed files become ready first). Resolves when no file is left to
   * upload, or after `stop()`. Calling it while running returns the same run.
   */
  start(): Promise<RunSummary>
  /** Stops the files uploading now (they become `stopped`, checkpoints kept) and ends the run. */
  stop(): Promise<void>
  /** Adds one file, starts, and resolves with its result (rejects with its error). */
  upload(input: unknown, options?: AddFileOptions): Promise<UploadResult>
  /** Stops, then runs plugin disposers and the `dispose` hook. */
  dispose(): Promise<void>
}

interface Run {
  controller: CancelController
  summary: RunSummary
  stopping: boolean
  resolve(summary: RunSummary): void
  promise: Promise<RunSummary>
}

interface Waiter {
  resolve(result: UploadResult): void
  reject(error: UploadError): void
}

let nextFileNumber = 0

class UploaderImpl implements Uploader {
  readonly host: KernelHost
  private readonly files: FileRecord[] = []
  private readonly active = new Set<FileRecord>()
  /** Each file's current or last run: the one writer of the file while it runs, and what a cancel needs. */
  private readonly runs = new WeakMap<FileRecord, FileRun>()
  private readonly waiters = new Map<string, Waiter>()
  private readonly platformGate: Gate
  private readonly disposers: Array<() => void | Promise<void>> = []
  private run: Run | undefined

  constructor(plugins: readonly PluginInput[], options: UploaderOptions) {
    validateOptions(options)
    this.host = new KernelHost({ ...options }, this)
    const resolved = resolvePlugins(plugins)
    try {
      for (const plugin of resolved) {
        this.host.pluginNames.add(plugin.name)
        const disposer = plugin.apply(this.host)
        if (typeof disposer === 'function') this.disposers.push(disposer)
      }
      const { transport, target } = this.host
      this.host.log('debug', `Uploader ready: transport ${transport.name}, target ${target.name}.`)
      this.host.setResolvedOptions(resolveOptions(options, transport.capabilities))
      const platform = platformGate(transport.events)
      this.platformGate = platform.gate
      this.disposers.push(platform.stop)
      this.host.hooks.initialize.call()
    } catch (error) {
      this.runDisposersAfterFailedSetup()
      throw error
    }
  }

  /** Plugins applied before a failure keep nothing alive (listeners, timers): their disposers run now. */
  private runDisposersAfterFailedSetup(): void {
    for (const dispose of this.disposers.splice(0).reverse()) {
      try {
        Promise.resolve(dispose()).catch(() => {})
      } catch {
        // The construction error is the one to report.
      }
    }
  }

  get hooks(): UploaderHooks {
    return this.host.hooks
  }

  get running(): boolean {
    return this.run !== undefined
  }

  addFile(input: unknown, options: AddFileOptions = {}): FileTask {
    if (typeof options !== 'object' || options === null) {
      throw new UploadError('INVALID_ARGUMENT', 'addFile options must be an object.', {
        field: 'options',
      })
    }
    const meta = options.meta ?? {}
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
      throw new UploadError('INVALID_ARGUMENT', 'File meta must be a plain object.', {
        field: 'meta',
      })
    }
    const request = this.hooks.beforeAdd.call({ input, meta: { ...meta } })
    const problem = request.extensions && extensionProblem(request.extensions)
    if (problem) {
      throw new UploadError('INVALID_ARGUMENT', `extensions${problem.field} ${problem.reason}.`, {
        field: `extensions${problem.field}`,
      })
    }
    const identity = this.host.transport.identify(request.input)
    if (this.files.some((f) => f.key === identity.key)) {
      throw new UploadError('INVALID_ARGUMENT', `"${identity.name}" is already in the list.`, {
        field: 'input',
      })
    }
    const id = `f${(++nextFileNumber).toString(36)}${Date.now().toString(36)}`
    const file = new FileRecord(id, request.input, identity.key, identity.name, request.meta)
    file.size = identity.size
    setExtensions(file, request.extensions)
    this.files.push(file)
    this.hooks.fileAdded.call(file)
    if (this.run) this.pump()
    return file
  }

  getFile(id: string): FileTask | undefined {
    return this.files.find((f) => f.id === id)
  }

  listFiles(): FileTask[] {
    return [...this.files]
  }

  async removeFile(id: string): Promise<void> {
    const file = this.find(id)
    if (isActive(file.state)) await this.cancelFile(id)
    const index = this.files.indexOf(file)
    if (index >= 0) this.files.splice(index, 1)
    this.settleWaiter(file, new UploadError('ABORTED', `"${file.name}" was removed.`))
    this.hooks.fileRemoved.call(file)
  }

  async cancelFile(id: string): Promise<void> {
    const file = this.find(id)
    if (file.state === 'canceled') return
    if (file.state === 'success') {
      throw new UploadError(
        'INVALID_STATE',
        `"${file.name}" is already uploaded; it cannot be canceled.`,
      )
    }
    const run = this.runs.get(file)
    if (isActive(file.state) && run?.done) {
      run.requestedEnd = 'canceled'
      run.abort(new UploadError('ABORTED', `"${file.name}" was canceled.`))
      await run.done
      return
    }
    await this.finishCancel(file, run)
  }

  resumeFile(id: string): void {
    const file = this.find(id)
    if (file.state !== 'canceled') {
      throw new UploadError(
        'INVALID_STATE',
        `Only a canceled file can be resumed; "${file.name}" is ${file.state}.`,
      )
    }
    transition(this.hooks, file, 'ready')
    if (this.run) this.pump()
  }

  async clear(): Promise<void> {
    await this.stop()
    const removed = this.files.splice(0, this.files.length)
    for (const file of removed) {
      this.settleWaiter(file, new UploadError('ABORTED', 'The list was cleared.'))
      this.hooks.fileRemoved.call(file)
    }
  }

  start(): Promise<RunSummary> {
    if (this.run) return this.run.promise
    for (const file of this.files) {
      if (file.state === 'failure' || file.state === 'stopped')
        transition(this.hooks, file, 'ready')
    }
    let resolve: (summary: RunSummary) => void = () => {}
    const promise = new Promise<RunSummary>((r) => {
      resolve = r
    })
    this.run = {
      controller: createCancelController(),
      summary: { succeeded: [], failed: [], canceled: [], stopped: [] },
      stopping: false,
      resolve,
      promise,
    }
    this.pump()
    return promise
  }

  async stop(): Promise<void> {
    const run = this.run
    if (!run) return
    run.stopping = true
    const running: Array<Promise<void> | undefined> = []
    for (const file of this.active) {
      const fileRun = this.runs.get(file)
      if (!fileRun) continue
      fileRun.requestedEnd ??= 'stopped'
      fileRun.abort(new UploadError('ABORTED', 'The upload was stopped.'))
      running.push(fileRun.done)
    }
    await Promise.all(running)
    this.finishRun(run, false)
  }

  upload(input: unknown, options?: AddFileOptions): Promise<UploadResult> {
    const file = this.addFile(input, options)
    const result = new Promise<UploadResult>((resolve, reject) => {
      this.waiters.set(file.id, { resolve, reject })
    })
    this.start()
    return result
  }

  async dispose(): Promise<void> {
    await this.stop()
    for (const dispose of this.disposers.splice(0).reverse()) await dispose()
    await this.hooks.dispose.promise()
  }

  private find(id: string): FileRecord {
    const file = this.files.find((f) => f.id === id)
    if (!file) {
      throw new UploadError('INVALID_ARGUMENT', `No file with id "${id}" in the list.`, {
        field: 'id',
      })
    }
    return file
  }

  private pump(): void {
    const run = this.run
    if (!run || run.stopping) return
    while (this.active.size < this.host.options.fileConcurrency) {
      const next = this.files.find((f) => f.state === 'ready' && !this.active.has(f))
      if (!next) break
      this.active.add(next)
      const fileRun = new FileRun(this.hooks, next, run.controller.signal)
      this.runs.set(next, fileRun)
      fileRun.done = this.runFile(fileRun, run).finally(() => {
        this.active.delete(next)
        this.pump()
      })
    }
    if (this.active.size === 0) this.finishRun(run, true)
  }

  private finishRun(run: Run, natural: boolean): void {
    if (this.run !== run) return
    this.run = undefined
    if (natural) this.hooks.end.call(run.summary)
    run.resolve(run.summary)
  }

  private async runFile(fileRun: FileRun, run: Run): Promise<void> {
    const { file } = fileRun
    fileRun.began()
    try {
      const result = await uploadFile(this.host, fileRun, this.platformGate)
      fileRun.succeeded(result)
      run.summary.succeeded.push(file)
      this.hooks.fileSucceeded.call(file, result)
      this.settleWaiter(file, result)
    } catch (thrown) {
      const error = toUploadError(thrown)
      if (fileRun.requestedEnd === 'canceled') {
        await this.finishCancel(file, fileRun)
        run.summary.canceled.push(file)
      } else if (fileRun.requestedEnd === 'stopped' && fileRun.signal.aborted) {
        fileRun.setState('stopped')
        run.summary.stopped.push(file)
        this.hooks.fileStopped.call(file)
      } else {
        fileRun.failed(error)
        run.summary.failed.push(file)
        this.host.log('error', error.message, { fileId: file.id, data: error.toJSON() })
        this.hooks.fileFailed.call(file, error)
        this.settleWaiter(file, error)
      }
    } finally {
      // Whatever still waits on this run's behalf (an auth plugin waiting for the app) stops waiting.
      fileRun.abort(new UploadError('ABORTED', `"${file.name}" is no longer uploading.`))
    }
  }

  /** Aborts the file's server upload with its last run's credentials, drops its checkpoint, marks it canceled. */
  private async finishCancel(file: FileRecord, fileRun: FileRun | undefined): Promise<void> {
    if (fileRun) {
      fileRun.requestedEnd = undefined
      await discardUpload(this.host, fileRun)
      fileRun.setState('canceled')
    } else transition(this.hooks, file, 'canceled')
    this.hooks.fileCanceled.call(file)
    this.settleWaiter(file, new UploadError('ABORTED', `"${file.name}" was canceled.`))
  }

  private settleWaiter(file: FileRecord, outcome: UploadResult | UploadError): void {
    const waiter = this.waiters.get(file.id)
    if (!waiter) return
    this.waiters.delete(file.id)
    if (isUploadError(outcome)) waiter.reject(outcome)
    else waiter.resolve(outcome)
  }
}

/**
 * Creates an uploader from plugins (objects `{ name, apply }`, presets, nested lists; falsy entries skipped).
 * Throws `PLUGIN_CONFLICT` for duplicate names, `PLUGIN_MISSING` for a missing requirement, transport or target,
 * and `INVALID_ARGUMENT` for bad options.
 *
 * @example
 * ```ts
 * const uploader = createUploader([nodeTransport(), ossTarget(), sts({ getSTSToken }), retry()], { concurrency: 4 })
 * const result = await uploader.upload({ path: 'movie.mp4' })
 * ```
 */
export function createUploader(
  plugins: readonly PluginInput[],
  options: UploaderOptions = {},
): Uploader {
  return new UploaderImpl(plugins, options)
}
