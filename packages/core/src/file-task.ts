import type { Destination } from './authorization'
import type { UploadError } from './errors'

/**
 * A file's state.
 *
 * ```
 * ready ──start──▶ uploading ◀──▶ awaiting-credentials
 *   ▲  ▲              │ ├──▶ success
 *   │  └──start─── stopped, failure ◀─┤
 *   └──resume──── canceled ◀──────────┘ (cancel from any state but success)
 * ```
 */
export type FileState =
  | 'ready'
  | 'uploading'
  | 'awaiting-credentials'
  | 'success'
  | 'failure'
  | 'canceled'
  | 'stopped'

/** Well-known per-file metadata keys; plugins document the ones they read. */
export interface FileMeta {
  /** VOD userData: a JSON string such as `{"Vod":{"Title":"..."}}`, sent as `x-oss-notification`. */
  userData?: string
  /** Marks the file as an image (VOD CreateUploadImage) instead of a video; guessed from the name if absent. */
  isImage?: boolean
  /** A VOD video id to continue (RefreshUploadVideo instead of CreateUploadVideo). */
  videoId?: string
  [key: string]: unknown
}

/** Options of `uploader.addFile`. */
export interface AddFileOptions {
  meta?: FileMeta
}

/**
 * One file in the uploader's list. Hooks receive the same object throughout; it never holds a secret.
 * Fields are read-only to plugins and apps: the kernel updates them.
 */
export interface FileTask {
  readonly id: string
  /** The input given to `addFile`, as the transport understands it (`{path}` in Node, `{url}` in WeChat). */
  readonly input: unknown
  /** Identifies the input (path or temp URL). */
  readonly key: string
  readonly name: string
  readonly meta: FileMeta
  readonly state: FileState
  /** Size in bytes once known (from the input or after opening). */
  readonly size: number | undefined
  /** Bytes confirmed so far (monotonic while uploading). */
  readonly loaded: number
  /** Where the file goes, once authorized (no credentials here). */
  readonly destination: Destination | undefined
  readonly videoId: string | undefined
  readonly imageId: string | undefined
  readonly imageUrl: string | undefined
  /** The multipart upload id, while one exists. */
  readonly uploadId: string | undefined
  /** The last error, for `failure`. */
  readonly error: UploadError | undefined
  /** The result, for `success`. */
  readonly result: UploadResult | undefined
}

/** What a successful upload produced. */
export interface UploadResult {
  fileId: string
  name: string
  size: number
  endpoint: string
  bucket: string
  objectKey: string
  /** The object's ETag as the server returned it. */
  etag?: string
  /** CRC-64/ECMA of the object as an unsigned decimal string, verified against the bytes sent when known. */
  crc64?: string
  videoId?: string
  imageId?: string
  imageUrl?: string
  /** How many parts were sent in this run (0 for a single request). */
  partsSent: number
  /** How many parts were already on the server from an earlier run. */
  partsResumed: number
}

/** A progress report. `loaded` never decreases and equals `total` only once the target confirmed completion. */
export interface ProgressSnapshot {
  fileId: string
  loaded: number
  total: number
  /** 0..100 */
  percent: number
  /** Bytes per second, smoothed; 0 until measured. */
  speed: number
  /** Seconds left at the current speed; undefined until measured. */
  etaSeconds: number | undefined
}
