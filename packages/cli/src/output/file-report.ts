import type { FileTask, UploadError, UploadResult } from '@vodup/core'

/** One file's outcome as `--json` prints it: never a secret. */
export interface FileReport {
  fileId: string
  name: string
  path: string
  size: number
  videoId?: string
  imageId?: string
  imageUrl?: string
  endpoint: string
  bucket: string
  objectKey: string
  /** Where the object can be read (path style on an IP endpoint, virtual-hosted otherwise). */
  objectUrl: string
  crc64?: string
  partsSent: number
  partsResumed: number
}

/** A failed file as `--json` prints it. */
export interface FileFailure {
  name: string
  path: string
  error: { code: string; message: string }
}

/** The report of a successful file. */
export function fileReport(file: FileTask, result: UploadResult, objectUrl: string): FileReport {
  return {
    fileId: result.fileId,
    name: result.name,
    path: file.key,
    size: result.size,
    ...(result.videoId ? { videoId: result.videoId } : {}),
    ...(result.imageId ? { imageId: result.imageId } : {}),
    ...(result.imageUrl ? { imageUrl: result.imageUrl } : {}),
    endpoint: result.endpoint,
    bucket: result.bucket,
    objectKey: result.objectKey,
    objectUrl,
    ...(result.crc64 ? { crc64: result.crc64 } : {}),
    partsSent: result.partsSent,
    partsResumed: result.partsResumed,
  }
}

/** The report of a failed file. */
export function fileFailure(file: Pick<FileTask, 'name' | 'key'>, error: UploadError): FileFailure {
  return { name: file.name, path: file.key, error: { code: error.code, message: error.message } }
}
