import { extensionProblem } from './file-extensions'
import type { FileExtensions } from './file-task'

/** A part the server acknowledged. */
export interface PartRecord {
  /** 1-based part number. */
  n: number
  /** ETag as the server returned it (quotes included for OSS). */
  etag: string
  size: number
  /** CRC-64/ECMA of the part (unsigned decimal), when computed while sending. */
  crc64?: string
}

/**
 * What is saved after each acknowledged part so an upload can resume. Never holds a secret: no keys, no token,
 * no signature.
 */
export interface Checkpoint {
  v: 1
  fingerprint: string
  fileSize: number
  partSize: number
  uploadId: string
  endpoint: string
  bucket: string
  objectKey: string
  /** The file's extension fields (a layer's media ids), restored before `fileStarted` when the upload resumes. */
  extensions?: Partial<FileExtensions>
  doneParts: PartRecord[]
  /** ms since epoch, for pruning. */
  updatedAt: number
}

/** Parses a stored checkpoint, or returns undefined if it is not a valid one. */
export function parseCheckpoint(text: string | undefined): Checkpoint | undefined {
  if (!text) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const cp = value as Record<string, unknown>
  const isString = (k: string) => typeof cp[k] === 'string' && (cp[k] as string).length > 0
  const isCount = (k: string) => Number.isSafeInteger(cp[k]) && (cp[k] as number) >= 0
  if (cp.v !== 1 || !Array.isArray(cp.doneParts)) return undefined
  if (!['fingerprint', 'uploadId', 'endpoint', 'bucket', 'objectKey'].every(isString))
    return undefined
  if (!['fileSize', 'partSize', 'updatedAt'].every(isCount)) return undefined
  if (cp.extensions !== undefined && extensionProblem(cp.extensions)) return undefined
  const parts = cp.doneParts as unknown[]
  const valid = parts.every((p) => {
    const part = p as Record<string, unknown>
    return (
      typeof p === 'object' &&
      p !== null &&
      Number.isSafeInteger(part.n) &&
      (part.n as number) >= 1 &&
      typeof part.etag === 'string' &&
      Number.isSafeInteger(part.size) &&
      (part.crc64 === undefined || typeof part.crc64 === 'string')
    )
  })
  return valid ? (value as Checkpoint) : undefined
}
