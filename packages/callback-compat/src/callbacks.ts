import type { UploadError } from '@vodup/core'
import type { UploadInfo } from './upload-info'

/** What `onUploadCanceled` receives second, as VODUpload passed it. */
export interface CancelEvent {
  status: 0
  name: 'cancel'
}

/** VODUpload's callbacks, with its names (`onUploadstarted` has a lower-case s) and argument orders. */
export interface VodCallbacks {
  /** A file joined the list (synchronously, inside `addFile`). */
  addFileSuccess?(uploadInfo: UploadInfo): void
  /** A file starts: give it credentials now (setUploadAuthAndAddress or setSTSToken). */
  onUploadstarted?(uploadInfo: UploadInfo): void
  onUploadSucceed?(uploadInfo: UploadInfo): void
  /** `code` is the service's error code when it sent one (e.g. `InvalidVideo.NotFound`), else vodup's. */
  onUploadFailed?(uploadInfo: UploadInfo, code: string, message: string, error: UploadError): void
  /** `loadedPercent` is a fraction 0..1 (at most 0.99 until completion), as `Math.ceil(loadedPercent * 100) + "%"` expects. */
  onUploadProgress?(uploadInfo: UploadInfo, totalSize: number, loadedPercent: number): void
  /** The credentials expired (or are about to): answer with resumeUploadWithAuth or resumeUploadWithSTSToken. */
  onUploadTokenExpired?(uploadInfo: UploadInfo, error: UploadError): void
  /** A file was canceled, or stopped by stopUpload (then its state is `Stoped`). */
  onUploadCanceled?(uploadInfo: UploadInfo, event: CancelEvent): void
  /** A start ran out of files; receives the last file the run finished (undefined if it finished none). */
  onUploadEnd?(uploadInfo: UploadInfo | undefined): void
}

/** The callback names, in the order VODUpload documents them. */
export const CALLBACK_NAMES = [
  'addFileSuccess',
  'onUploadstarted',
  'onUploadSucceed',
  'onUploadFailed',
  'onUploadProgress',
  'onUploadTokenExpired',
  'onUploadCanceled',
  'onUploadEnd',
] as const satisfies ReadonlyArray<keyof VodCallbacks>

/**
 * Calls an app callback. Whatever it throws is reported on the console, naming the callback, and goes no
 * further: an app bug must not break the uploader.
 */
export function invokeCallback<K extends keyof VodCallbacks>(
  callbacks: VodCallbacks,
  name: K,
  ...args: Parameters<NonNullable<VodCallbacks[K]>>
): void {
  const callback = callbacks[name] as ((...a: unknown[]) => void) | undefined
  if (typeof callback !== 'function') return
  try {
    callback.apply(callbacks, args)
  } catch (error) {
    console.error(`[vodup] ${name} threw`, error)
  }
}
