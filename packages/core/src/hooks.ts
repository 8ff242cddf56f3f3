import type { Authorization } from './authorization'
import type { CancelSignal } from './cancel'
import type { Checkpoint, PartRecord } from './checkpoint'
import {
  type ContainableHook,
  containTaps,
  type TapFailurePolicy,
  type TapFailureReporter,
} from './contain-taps'
import type { UploadError } from './errors'
import type {
  FileExtensions,
  FileMeta,
  FileState,
  FileTask,
  ProgressSnapshot,
  UploadResult,
} from './file-task'
import {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from './hook-engine'
import type { HttpRequest } from './http'
import type { RetryAttempt } from './retry-policy'
import type { RequestInfo } from './target'

// The hook engine (./hook-engine): tapable's API without code generation (WeChat forbids `new Function`). Every
// hook of the kernel is created in this module.
export {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
}

/** The input of `addFile`, as `beforeAdd` taps see and transform it. */
export interface AddRequest {
  input: unknown
  meta: FileMeta
  /**
   * Extension fields the file starts with (a layer sets them from `meta`: the VOD layer's `videoId`). Checked like
   * an authorization's: a name of the file's own fields, or a value that is not a string, number or boolean, is
   * `INVALID_ARGUMENT`.
   */
  extensions?: Partial<FileExtensions>
}

/** A part plan, as `planParts` taps see and may change it. */
export interface PartPlan {
  fileSize: number
  partSize: number
  partCount: number
  /** True when the file goes in one request (PutObject) instead of multipart. */
  single: boolean
}

/** What a response looked like, for observers. The body is left out: error bodies can echo signed text. */
export interface ResponseInfo {
  status: number
  requestId?: string
  headers: Record<string, string>
  durationMs: number
}

/** What `authorize` taps receive. */
export interface AuthorizeContext {
  readonly file: FileTask
  /**
   * Aborts when the file's run ends (stop, cancel, removal, or the file failed): a tap that waits (for the app,
   * for a server) stops waiting and passes the signal on to its requests.
   */
  readonly signal: CancelSignal
}

/** What `tokenExpired` taps receive. */
export interface TokenExpiredContext extends AuthorizeContext {
  /** Why the credentials are refreshed: the server's `TOKEN_EXPIRED`, or a known expiry coming close. */
  readonly error: UploadError
}

/** What `checkpointSaved` taps receive. */
export interface CheckpointSavedEvent {
  readonly file: FileTask
  readonly checkpoint: Checkpoint
}

/** What `credentialsExpired` taps receive. */
export interface CredentialsExpiredEvent {
  readonly file: FileTask
  readonly error: UploadError
}

/** The outcome of one `start()` run. */
export interface RunSummary {
  succeeded: FileTask[]
  failed: FileTask[]
  canceled: FileTask[]
  stopped: FileTask[]
}

/** A log line. Never holds a secret. */
export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  fileId?: string
  data?: Record<string, unknown>
}

/**
 * The kernel's hooks. Tap them in a plugin's `apply` (never per file: tapping is not free) with the plugin's name:
 * `kernel.hooks.fileSucceeded.tap('my-plugin', (file, result) => ...)`; order a tap before another plugin's with
 * `{ name: 'my-plugin', before: 'other-plugin' }`. Every hook contains its own taps: a notification hook reports
 * a tap that throws on `warning` and runs the others; a decision hook passes an `UploadError` on and turns any
 * other throw into `INTERNAL`. What each hook receives, when it fires and what a tap may return:
 * docs/hooks.md (generated from the one hook table, packages/core/src/hook-table.ts).
 */
export interface UploaderHooks {
  readonly initialize: SyncHook<[]>
  readonly beforeAdd: SyncWaterfallHook<[AddRequest]>
  readonly fileAdded: SyncHook<[FileTask]>
  readonly fileRemoved: SyncHook<[FileTask]>
  readonly fileStarted: SyncHook<[FileTask]>
  readonly fingerprint: SyncWaterfallHook<[string, FileTask]>
  readonly loadCheckpoint: AsyncSeriesBailHook<[FileTask, string], Checkpoint | undefined>
  readonly saveCheckpoint: AsyncSeriesBailHook<[FileTask, Checkpoint], true | undefined>
  readonly checkpointSaved: SyncHook<[CheckpointSavedEvent]>
  readonly removeCheckpoint: AsyncSeriesBailHook<[FileTask, string], true | undefined>
  readonly authorize: AsyncSeriesBailHook<[AuthorizeContext], Authorization | undefined>
  readonly credentialsExpired: SyncHook<[CredentialsExpiredEvent]>
  readonly tokenExpired: AsyncSeriesBailHook<[TokenExpiredContext], Authorization | undefined>
  readonly planParts: SyncWaterfallHook<[PartPlan, FileTask]>
  readonly request: AsyncSeriesWaterfallHook<[HttpRequest, RequestInfo]>
  readonly response: SyncHook<[ResponseInfo, RequestInfo]>
  readonly partUploaded: SyncHook<[FileTask, PartRecord]>
  readonly progress: SyncHook<[FileTask, ProgressSnapshot]>
  readonly shouldRetry: SyncBailHook<[UploadError, RetryAttempt], boolean | undefined>
  readonly retry: SyncHook<[RetryAttempt]>
  readonly stateChanged: SyncHook<[FileTask, FileState]>
  readonly fileSucceeded: SyncHook<[FileTask, UploadResult]>
  readonly fileFailed: SyncHook<[FileTask, UploadError]>
  readonly fileCanceled: SyncHook<[FileTask]>
  readonly fileStopped: SyncHook<[FileTask]>
  readonly warning: SyncHook<[UploadError, FileTask | undefined]>
  readonly end: SyncHook<[RunSummary]>
  readonly log: SyncHook<[LogRecord]>
  readonly dispose: AsyncSeriesHook<[]>
}

/**
 * Creates a fresh set of kernel hooks, each containing its taps (see {@link TapFailurePolicy}); failures of
 * notification taps go to `report` (default: dropped, for tests of a plugin's taps without an uploader). `isFile` recognizes a file argument, so a report can name the file.
 */
export function createHooks(
  report: TapFailureReporter = () => {},
  isFile?: (value: unknown) => value is FileTask,
): UploaderHooks {
  const observe = <H extends ContainableHook>(name: string, hook: H) =>
    containTaps(hook, name, 'report', report, isFile)
  const decide = <H extends ContainableHook>(name: string, hook: H) =>
    containTaps(hook, name, 'throw', report, isFile)
  return Object.freeze({
    initialize: decide('initialize', new SyncHook<[]>([])),
    beforeAdd: decide('beforeAdd', new SyncWaterfallHook<[AddRequest]>(['request'])),
    fileAdded: observe('fileAdded', new SyncHook<[FileTask]>(['file'])),
    fileRemoved: observe('fileRemoved', new SyncHook<[FileTask]>(['file'])),
    fileStarted: observe('fileStarted', new SyncHook<[FileTask]>(['file'])),
    fingerprint: decide(
      'fingerprint',
      new SyncWaterfallHook<[string, FileTask]>(['fingerprint', 'file']),
    ),
    loadCheckpoint: decide(
      'loadCheckpoint',
      new AsyncSeriesBailHook<[FileTask, string], Checkpoint | undefined>(['file', 'fingerprint']),
    ),
    saveCheckpoint: decide(
      'saveCheckpoint',
      new AsyncSeriesBailHook<[FileTask, Checkpoint], true | undefined>(['file', 'checkpoint']),
    ),
    checkpointSaved: observe('checkpointSaved', new SyncHook<[CheckpointSavedEvent]>(['event'])),
    removeCheckpoint: decide(
      'removeCheckpoint',
      new AsyncSeriesBailHook<[FileTask, string], true | undefined>(['file', 'fingerprint']),
    ),
    authorize: decide(
      'authorize',
      new AsyncSeriesBailHook<[AuthorizeContext], Authorization | undefined>(['context']),
    ),
    credentialsExpired: observe(
      'credentialsExpired',
      new SyncHook<[CredentialsExpiredEvent]>(['event']),
    ),
    tokenExpired: decide(
      'tokenExpired',
      new AsyncSeriesBailHook<[TokenExpiredContext], Authorization | undefined>(['context']),
    ),
    planParts: decide('planParts', new SyncWaterfallHook<[PartPlan, FileTask]>(['plan', 'file'])),
    request: decide(
      'request',
      new AsyncSeriesWaterfallHook<[HttpRequest, RequestInfo]>(['request', 'info']),
    ),
    response: observe('response', new SyncHook<[ResponseInfo, RequestInfo]>(['response', 'info'])),
    partUploaded: observe('partUploaded', new SyncHook<[FileTask, PartRecord]>(['file', 'part'])),
    progress: observe('progress', new SyncHook<[FileTask, ProgressSnapshot]>(['file', 'progress'])),
    shouldRetry: containTaps(
      new SyncBailHook<[UploadError, RetryAttempt], boolean | undefined>(['error', 'attempt']),
      'shouldRetry',
      'skip',
      report,
      isFile,
    ),
    retry: observe('retry', new SyncHook<[RetryAttempt]>(['attempt'])),
    stateChanged: observe(
      'stateChanged',
      new SyncHook<[FileTask, FileState]>(['file', 'previous']),
    ),
    fileSucceeded: observe(
      'fileSucceeded',
      new SyncHook<[FileTask, UploadResult]>(['file', 'result']),
    ),
    fileFailed: observe('fileFailed', new SyncHook<[FileTask, UploadError]>(['file', 'error'])),
    fileCanceled: observe('fileCanceled', new SyncHook<[FileTask]>(['file'])),
    fileStopped: observe('fileStopped', new SyncHook<[FileTask]>(['file'])),
    warning: observe(
      'warning',
      new SyncHook<[UploadError, FileTask | undefined]>(['error', 'file']),
    ),
    end: observe('end', new SyncHook<[RunSummary]>(['summary'])),
    log: observe('log', new SyncHook<[LogRecord]>(['record'])),
    dispose: observe('dispose', new AsyncSeriesHook<[]>([])),
  })
}
