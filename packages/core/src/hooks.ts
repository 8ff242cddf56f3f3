import {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from '@rspack/lite-tapable'
import type { Authorization } from './authorization'
import type { Checkpoint, PartRecord } from './checkpoint'
import type { UploadError } from './errors'
import type { FileMeta, FileState, FileTask, ProgressSnapshot, UploadResult } from './file-task'
import type { HttpRequest } from './http'
import type { RetryAttempt } from './retry-policy'
import type { RequestInfo } from './target'

// The hook engine: tapable's API without code generation (WeChat forbids `new Function`). Every hook of the
// kernel is created in this module, so the engine can be swapped here alone.
export {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
}

/** Tap stages: lower runs earlier. Kernel defaults tap at `STAGE_FALLBACK`, so any plugin tap runs first. */
export const STAGE_EARLY = -100
export const STAGE_DEFAULT = 0
export const STAGE_LATE = 100
export const STAGE_FALLBACK = 1000

/** The input of `addFile`, as `beforeAdd` taps see and transform it. */
export interface AddRequest {
  input: unknown
  meta: FileMeta
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
 * `kernel.hooks.fileSucceeded.tap('my-plugin', (file, result) => ...)`. Async taps must be `async` functions or
 * return promises; a synchronous throw inside one is turned into a rejection.
 *
 * | hook | tapable type | arguments | fires | a tap may return |
 * |---|---|---|---|---|
 * | `initialize` | SyncHook | – | once, after every plugin applied | – |
 * | `beforeAdd` | SyncWaterfallHook | `AddRequest` | in `addFile`, before the file joins the list | a changed `AddRequest`; throw an `UploadError` to refuse the file |
 * | `fileAdded` | SyncHook | `FileTask` | after a file joined the list | – |
 * | `fileRemoved` | SyncHook | `FileTask` | after a file left the list | – |
 * | `fileStarted` | SyncHook | `FileTask` | a file begins uploading, after its checkpoint was read (so `videoId` is known) and before `authorize` | – |
 * | `fingerprint` | SyncWaterfallHook | `string`, `FileTask` | when a file is opened | another resume key |
 * | `loadCheckpoint` | AsyncSeriesBailHook | `FileTask`, fingerprint | before authorize | a `Checkpoint`; the kernel's store tap answers last |
 * | `saveCheckpoint` | AsyncSeriesBailHook | `FileTask`, `Checkpoint` | after each acknowledged part | `true` to say "saved", skipping the store |
 * | `removeCheckpoint` | AsyncSeriesBailHook | `FileTask`, fingerprint | after success, cancel, or a stale upload id | `true` to skip the store |
 * | `authorize` | AsyncSeriesBailHook | `FileTask` | before the first request of a file | an `Authorization` (first answer wins) |
 * | `tokenExpired` | AsyncSeriesBailHook | `FileTask`, `UploadError` | credentials expired (or are about to), once per file however many parts failed; no part starts meanwhile | a fresh `Authorization`; `undefined` fails the file |
 * | `planParts` | SyncWaterfallHook | `PartPlan`, `FileTask` | before a new multipart upload | a changed plan (the kernel re-applies the target's limits) |
 * | `request` | AsyncSeriesWaterfallHook | `HttpRequest`, `RequestInfo` | before each request is signed and sent | a changed request (headers added here are signed) |
 * | `response` | SyncHook | `ResponseInfo`, `RequestInfo` | after each response | – |
 * | `partUploaded` | SyncHook | `FileTask`, `PartRecord` | a part was acknowledged and verified | – |
 * | `progress` | SyncHook | `FileTask`, `ProgressSnapshot` | bytes moved (throttled) and at each part | – |
 * | `shouldRetry` | SyncBailHook | `UploadError`, `RetryAttempt` | the retry policy asks before retrying | `true` / `false` to decide; `undefined` keeps the policy's answer |
 * | `retry` | SyncHook | `RetryAttempt` | a retry is scheduled | – |
 * | `stateChanged` | SyncHook | `FileTask`, previous `FileState` | every state transition | – |
 * | `fileSucceeded` | SyncHook | `FileTask`, `UploadResult` | the target confirmed the object | – |
 * | `fileFailed` | SyncHook | `FileTask`, `UploadError` | a file failed | – |
 * | `fileCanceled` | SyncHook | `FileTask` | a file was canceled (its server upload aborted) | – |
 * | `fileStopped` | SyncHook | `FileTask` | `stop()` paused a file; its checkpoint stays | – |
 * | `warning` | SyncHook | `UploadError`, `FileTask \| undefined` | something failed that does not stop the upload (abort, checkpoint write) | – |
 * | `end` | SyncHook | `RunSummary` | a `start()` run finished with no file left to upload (not after `stop()`) | – |
 * | `log` | SyncHook | `LogRecord` | diagnostic lines | – |
 * | `dispose` | AsyncSeriesHook | – | `uploader.dispose()` | – |
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
  readonly removeCheckpoint: AsyncSeriesBailHook<[FileTask, string], true | undefined>
  readonly authorize: AsyncSeriesBailHook<[FileTask], Authorization | undefined>
  readonly tokenExpired: AsyncSeriesBailHook<[FileTask, UploadError], Authorization | undefined>
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

type AnyTap = { type: string; fn: (...args: unknown[]) => unknown }

/** Makes a synchronous throw inside a promise tap a rejection, so one bad tap cannot hang a series. */
function guardPromiseTaps<H extends { intercept(interceptor: object): void }>(hook: H): H {
  hook.intercept({
    register(tap: AnyTap) {
      if (tap.type !== 'promise') return tap
      const fn = tap.fn
      return {
        ...tap,
        fn: (...args: unknown[]) => {
          try {
            const result = fn(...args)
            return result && typeof (result as Promise<unknown>).then === 'function'
              ? result
              : Promise.resolve(result)
          } catch (error) {
            return Promise.reject(error)
          }
        },
      }
    },
  })
  return hook
}

/** Creates a fresh set of kernel hooks. */
export function createHooks(): UploaderHooks {
  return Object.freeze({
    initialize: new SyncHook<[]>([]),
    beforeAdd: new SyncWaterfallHook<[AddRequest]>(['request']),
    fileAdded: new SyncHook<[FileTask]>(['file']),
    fileRemoved: new SyncHook<[FileTask]>(['file']),
    fileStarted: new SyncHook<[FileTask]>(['file']),
    fingerprint: new SyncWaterfallHook<[string, FileTask]>(['fingerprint', 'file']),
    loadCheckpoint: guardPromiseTaps(
      new AsyncSeriesBailHook<[FileTask, string], Checkpoint | undefined>(['file', 'fingerprint']),
    ),
    saveCheckpoint: guardPromiseTaps(
      new AsyncSeriesBailHook<[FileTask, Checkpoint], true | undefined>(['file', 'checkpoint']),
    ),
    removeCheckpoint: guardPromiseTaps(
      new AsyncSeriesBailHook<[FileTask, string], true | undefined>(['file', 'fingerprint']),
    ),
    authorize: guardPromiseTaps(
      new AsyncSeriesBailHook<[FileTask], Authorization | undefined>(['file']),
    ),
    tokenExpired: guardPromiseTaps(
      new AsyncSeriesBailHook<[FileTask, UploadError], Authorization | undefined>([
        'file',
        'error',
      ]),
    ),
    planParts: new SyncWaterfallHook<[PartPlan, FileTask]>(['plan', 'file']),
    request: guardPromiseTaps(
      new AsyncSeriesWaterfallHook<[HttpRequest, RequestInfo]>(['request', 'info']),
    ),
    response: new SyncHook<[ResponseInfo, RequestInfo]>(['response', 'info']),
    partUploaded: new SyncHook<[FileTask, PartRecord]>(['file', 'part']),
    progress: new SyncHook<[FileTask, ProgressSnapshot]>(['file', 'progress']),
    shouldRetry: new SyncBailHook<[UploadError, RetryAttempt], boolean | undefined>([
      'error',
      'attempt',
    ]),
    retry: new SyncHook<[RetryAttempt]>(['attempt']),
    stateChanged: new SyncHook<[FileTask, FileState]>(['file', 'previous']),
    fileSucceeded: new SyncHook<[FileTask, UploadResult]>(['file', 'result']),
    fileFailed: new SyncHook<[FileTask, UploadError]>(['file', 'error']),
    fileCanceled: new SyncHook<[FileTask]>(['file']),
    fileStopped: new SyncHook<[FileTask]>(['file']),
    warning: new SyncHook<[UploadError, FileTask | undefined]>(['error', 'file']),
    end: new SyncHook<[RunSummary]>(['summary']),
    log: new SyncHook<[LogRecord]>(['record']),
    dispose: guardPromiseTaps(new AsyncSeriesHook<[]>([])),
  })
}
