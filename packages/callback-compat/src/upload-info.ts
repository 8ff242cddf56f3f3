import { base64Encode, type FileTask, utf8Encode } from '@vodup/core'
import { isImageFile } from '@vodup/vod'
import { type LegacyState, legacyState } from './legacy-state'

/** The multipart state of a file in the shape VODUpload's `uploadInfo.checkpoint` had. No secret in it. */
export interface LegacyCheckpoint {
  name: string
  fileSize: number
  partSize: number
  uploadId: string
  doneParts: Array<{ number: number; etag: string }>
}

/**
 * What VODUpload's callbacks receive: one object per file, the same reference in every callback, updated as the
 * upload goes. It never holds a credential.
 */
export interface UploadInfo {
  /** The file as the app gave it to `addFile`. */
  file: unknown
  /** Mini program: the temp file path and its cover, from `addFile({ url, coverUrl })`. */
  url?: string
  coverUrl?: string
  /** Where the file goes: the app's `addFile` values until the credentials name the destination. */
  endpoint?: string
  bucket?: string
  object?: string
  region?: string
  /** VOD media ids, once known. */
  videoId?: string
  imageId?: string
  imageUrl?: string
  state: LegacyState
  isImage: boolean
  /** base64 of the UTF-8 userData JSON, as VODUpload stored it. */
  userData?: string
  /** The parsed `Vod` object of userData. */
  videoInfo?: Record<string, unknown>
  /** Progress as a fraction 0..1 (1 only once the upload completed). */
  loaded: number
  checkpoint: LegacyCheckpoint | null
  fileSize?: number
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function parseVod(userData: string | undefined): Record<string, unknown> | undefined {
  if (userData === undefined) return undefined
  try {
    const vod = (JSON.parse(userData) as { Vod?: unknown } | null)?.Vod
    return typeof vod === 'object' && vod !== null ? (vod as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** A new uploadInfo for a file that joined the list. */
export function createUploadInfo(task: FileTask): UploadInfo {
  const input = (typeof task.input === 'object' && task.input !== null ? task.input : {}) as Record<
    string,
    unknown
  >
  const userData = text(task.meta.userData)
  const info: UploadInfo = {
    file: task.input,
    url: text(input.url),
    coverUrl: text(input.coverUrl),
    endpoint: text(task.meta.endpoint),
    bucket: text(task.meta.bucket),
    object: text(task.meta.object),
    state: legacyState(task.state),
    isImage: isImageFile(task),
    userData: userData === undefined ? undefined : base64Encode(utf8Encode(userData)),
    videoInfo: parseVod(userData),
    loaded: 0,
    checkpoint: null,
    fileSize: task.size,
  }
  syncUploadInfo(info, task)
  return info
}

/** Copies what the kernel learned about the file (state, size, destination, media ids) into its uploadInfo. */
export function syncUploadInfo(info: UploadInfo, task: FileTask): void {
  info.state = legacyState(task.state)
  if (task.size !== undefined) info.fileSize = task.size
  const destination = task.destination
  if (destination) {
    info.endpoint = destination.endpoint
    info.bucket = destination.bucket
    info.object = destination.objectKey
    if (destination.region) info.region = destination.region
  }
  if (task.videoId) info.videoId = task.videoId
  if (task.imageId) info.imageId = task.imageId
  if (task.imageUrl) info.imageUrl = task.imageUrl
}
