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

/**
 * What the app says about a file (`addFile(input, { meta })`): free-form, read by plugins, which document the keys
 * they read. A layer types its keys by augmenting this interface (the VOD layer adds `userData`, `isImage`,
 * `videoId`): `declare module '@vodup/core' { interface FileMeta { userData?: string } }`.
 */
export interface FileMeta {
  [key: string]: unknown
}

/**
 * Fields a layer adds to every file, empty in core (which knows no cloud). A layer declares them by module
 * augmentation, `declare module '@vodup/core' { interface FileExtensions { videoId?: string } }`, and fills them
 * through `Authorization.extensions`; they then appear flat on the file (`file.videoId`) and on its
 * `UploadResult`, and are saved in its checkpoint. Values are strings, numbers or booleans and never secrets.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in other packages.
export interface FileExtensions {}

/** Options of `uploader.addFile`. */
export interface AddFileOptions {
  meta?: FileMeta
}

/**
 * One file in the uploader's list. Hooks receive the same object throughout; it never holds a secret.
 * Fields are read-only to plugins and apps: the kernel updates them.
 */
export interface FileTask extends Readonly<FileExtensions> {
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
  /** The multipart upload id, while one exists. */
  readonly uploadId: string | undefined
  /** The last error, for `failure`. */
  readonly error: UploadError | undefined
  /** The result, for `success`. */
  readonly result: UploadResult | undefined
}

/** What a successful upload produced, with the file's extension fields (`result.videoId` with the VOD layer). */
export interface UploadResult extends Readonly<FileExtensions> {
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
