import type { UploadError, UploadResult } from '@vodup/core'

/** Where a run sends files: the built-in emulator, ApsaraVideo VOD (or a VOD-compatible endpoint), or OSS. */
export type DestinationKind = 'emulator' | 'vod' | 'oss'

/** A file as the output names it. */
export interface ShownFile {
  /** The path as shown: as named, or the directory named joined with the path found in it. */
  name: string
  /** Absolute path. */
  path: string
}

/** One uploaded file as `--json` prints it: never a secret. */
export interface FileReport extends ShownFile {
  destination: DestinationKind
  fileId: string
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

/** A file skipped because an earlier run uploaded it (same path, size and modification time or content). */
export interface SkippedReport extends ShownFile {
  size: number
  videoId?: string
  imageId?: string
  bucket: string
  objectKey: string
  /** When the earlier run uploaded it (ISO 8601). */
  uploadedAt: string
}

/** A failed file as `--json` prints it. */
export interface FileFailure extends ShownFile {
  error: { code: string; message: string }
}

/** The report of a successful file. */
export function fileReport(
  file: ShownFile,
  destination: DestinationKind,
  result: UploadResult,
  objectUrl: string,
): FileReport {
  return {
    name: file.name,
    path: file.path,
    destination,
    fileId: result.fileId,
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
export function fileFailure(file: ShownFile, error: UploadError): FileFailure {
  return { name: file.name, path: file.path, error: { code: error.code, message: error.message } }
}
