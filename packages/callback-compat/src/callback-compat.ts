import { type FileTask, type ProgressSnapshot, UploadError, type UploaderPlugin } from '@vodup/core'
import { type CancelEvent, invokeCallback, type VodCallbacks } from './callbacks'
import type { LegacyState } from './legacy-state'
import { createUploadInfo, syncUploadInfo, type UploadInfo } from './upload-info'

/** Options of {@link callbackCompat}. */
export interface CallbackCompatOptions {
  /**
   * The unit of `onUploadProgress`'s third argument: `fraction` (0..1, the default, as VODUpload's documentation
   * and Web SDK have it) or `percent` (0..100, as VODUpload's mini-program 1.0 build passed it).
   */
  progressUnit?: 'fraction' | 'percent'
}

/** The callback-compat plugin, with the uploadInfo lookups the VODUpload drop-in needs. */
export interface CallbackCompat extends UploaderPlugin {
  /** The uploadInfo of a file (by task or id), the same object every callback receives. */
  uploadInfo(file: FileTask | string): UploadInfo | undefined
  /** The file behind an uploadInfo. */
  fileOf(uploadInfo: unknown): FileTask | undefined
  /**
   * Shows `state` in the file's uploadInfo at once, ahead of the kernel, for an app action whose network work
   * follows (VODUpload's `stopUpload` shows `Stoped` and `cancelFile` shows `Canceled` before they return).
   * Callbacks meanwhile see the held state; the kernel's state shows again when the returned function is called
   * (or a newer hold replaces this one), or at once if the file succeeds or fails meanwhile.
   */
  hold(file: FileTask, state: LegacyState): () => void
}

const NAME = 'callback-compat'
const CANCEL_EVENT: CancelEvent = Object.freeze({ status: 0, name: 'cancel' })

/** Below this until the upload completed, so that `Math.ceil(loadedPercent * 100)` shows 100 % only at the end. */
const BEFORE_COMPLETION = 0.99

function fraction(progress: ProgressSnapshot): number {
  if (progress.total === 0) return progress.percent / 100
  if (progress.loaded >= progress.total) return 1
  return Math.min(progress.loaded / progress.total, BEFORE_COMPLETION)
}

/**
 * Maps the kernel's hooks onto VODUpload's callbacks: `addFileSuccess`, `onUploadstarted`, `onUploadSucceed`,
 * `onUploadFailed(info, code, message)`, `onUploadProgress(info, totalSize, loadedPercent)`,
 * `onUploadTokenExpired`, `onUploadCanceled` and `onUploadEnd`. Each receives the file's uploadInfo, one stable
 * object per file. An exception thrown by a callback is reported with `console.error` and never breaks the
 * uploader.
 *
 * @example
 * ```ts
 * const uploader = createUploader([nodeTransport(), ossTarget(), uploadAuth({ getUploadAuth }),
 *   callbackCompat({
 *     onUploadProgress: (info, totalSize, loaded) => console.log(Math.ceil(loaded * 100) + '%'),
 *     onUploadSucceed: (info) => console.log('done', info.videoId),
 *   })])
 * ```
 */
export function callbackCompat(
  callbacks: VodCallbacks,
  options: CallbackCompatOptions = {},
): CallbackCompat {
  if (typeof callbacks !== 'object' || callbacks === null) {
    throw new UploadError('INVALID_ARGUMENT', 'callbackCompat needs an object of callbacks.', {
      field: 'callbacks',
    })
  }
  const unit = options.progressUnit ?? 'fraction'
  if (unit !== 'fraction' && unit !== 'percent') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `Option "progressUnit" must be "fraction" or "percent"; got ${JSON.stringify(unit)}.`,
      { field: 'progressUnit' },
    )
  }
  const infos = new WeakMap<FileTask, UploadInfo>()
  const files = new WeakMap<object, FileTask>()
  const byId = new Map<string, FileTask>()
  const held = new WeakMap<FileTask, { state: LegacyState }>()
  let lastFinished: FileTask | undefined

  const infoOf = (task: FileTask): UploadInfo => {
    let info = infos.get(task)
    if (!info) {
      info = createUploadInfo(task)
      infos.set(task, info)
      files.set(info, task)
      byId.set(task.id, task)
    }
    syncUploadInfo(info, task)
    const hold = held.get(task)
    if (hold) info.state = hold.state
    return info
  }

  return {
    name: NAME,
    uploadInfo(file) {
      const task = typeof file === 'string' ? byId.get(file) : file
      return task ? infos.get(task) : undefined
    },
    fileOf(uploadInfo) {
      return typeof uploadInfo === 'object' && uploadInfo !== null
        ? files.get(uploadInfo)
        : undefined
    },
    hold(task, state) {
      const hold = { state }
      held.set(task, hold)
      infoOf(task)
      return () => {
        if (held.get(task) !== hold) return
        held.delete(task)
        infoOf(task)
      }
    },
    apply(kernel) {
      const { hooks } = kernel
      hooks.fileAdded.tap(NAME, (task) => {
        invokeCallback(callbacks, 'addFileSuccess', infoOf(task))
      })
      hooks.fileRemoved.tap(NAME, (task) => {
        byId.delete(task.id)
      })
      hooks.stateChanged.tap(NAME, (task) => {
        // An outcome the app did not ask for (the upload completed, or failed, before the action reached it) shows.
        if (task.state === 'success' || task.state === 'failure') held.delete(task)
        infoOf(task)
      })
      hooks.fileStarted.tap(NAME, (task) => {
        invokeCallback(callbacks, 'onUploadstarted', infoOf(task))
      })
      hooks.checkpointSaved.tap(NAME, ({ file: task, checkpoint }) => {
        infoOf(task).checkpoint = {
          name: task.name,
          fileSize: checkpoint.fileSize,
          partSize: checkpoint.partSize,
          uploadId: checkpoint.uploadId,
          doneParts: checkpoint.doneParts.map((part) => ({ number: part.n, etag: part.etag })),
        }
      })
      hooks.progress.tap(NAME, (task, progress) => {
        const info = infoOf(task)
        info.loaded = fraction(progress)
        const value = unit === 'percent' ? info.loaded * 100 : info.loaded
        invokeCallback(callbacks, 'onUploadProgress', info, progress.total, value)
      })
      hooks.credentialsExpired.tap(NAME, ({ file: task, error }) => {
        invokeCallback(callbacks, 'onUploadTokenExpired', infoOf(task), error)
      })
      hooks.fileSucceeded.tap(NAME, (task) => {
        lastFinished = task
        invokeCallback(callbacks, 'onUploadSucceed', infoOf(task))
      })
      hooks.fileFailed.tap(NAME, (task, error) => {
        lastFinished = task
        const code = error.serverCode ?? error.code
        invokeCallback(callbacks, 'onUploadFailed', infoOf(task), code, error.message, error)
      })
      hooks.fileCanceled.tap(NAME, (task) => {
        lastFinished = task
        invokeCallback(callbacks, 'onUploadCanceled', infoOf(task), CANCEL_EVENT)
      })
      hooks.fileStopped.tap(NAME, (task) => {
        lastFinished = task
        invokeCallback(callbacks, 'onUploadCanceled', infoOf(task), CANCEL_EVENT)
      })
      hooks.end.tap(NAME, (summary) => {
        const finished = [
          ...summary.succeeded,
          ...summary.failed,
          ...summary.canceled,
          ...summary.stopped,
        ]
        const last = lastFinished && finished.includes(lastFinished) ? lastFinished : undefined
        lastFinished = undefined
        invokeCallback(callbacks, 'onUploadEnd', last ? infoOf(last) : undefined)
      })
    },
  }
}
