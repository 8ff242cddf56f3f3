import { open } from 'node:fs/promises'
import type { KeyValueStore, UploadResult } from '@vodup/core'
import { crc64Combine } from '@vodup/target-oss/internal'
import { crc64 } from '@vodup/transport-node'
import type { Candidate } from '../files/collect-files'

/**
 * What the command remembers of a finished upload, so that running the same command again skips the file instead
 * of creating a second video. Holds no secret: the destination's address, the file's identity and the ids VOD gave.
 */
export interface UploadRecord {
  v: 1
  /** Where it went: the VOD endpoint, the emulator's data directory, or the OSS object's address. */
  destination: string
  path: string
  size: number
  mtimeMs: number
  /** CRC-64/ECMA of the uploaded object (unsigned decimal), when the server gave it. */
  crc64?: string
  videoId?: string
  imageId?: string
  bucket: string
  objectKey: string
  /** ISO 8601. */
  uploadedAt: string
}

const READ_BYTES = 4 * 1024 * 1024

/** CRC-64/ECMA of a file, read in slices. */
async function fileCrc64(path: string): Promise<string> {
  const file = await open(path, 'r')
  try {
    let crc = '0'
    const buffer = Buffer.allocUnsafe(READ_BYTES)
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_BYTES)
      if (bytesRead === 0) break
      crc = crc64Combine(crc, crc64(buffer.subarray(0, bytesRead)), bytesRead)
    }
    return crc
  } finally {
    await file.close()
  }
}

function parse(text: string | undefined): UploadRecord | undefined {
  if (!text) return undefined
  try {
    const value = JSON.parse(text) as Partial<UploadRecord>
    if (
      value?.v !== 1 ||
      typeof value.path !== 'string' ||
      typeof value.size !== 'number' ||
      typeof value.mtimeMs !== 'number'
    ) {
      return undefined
    }
    return value as UploadRecord
  } catch {
    return undefined
  }
}

/** The finished uploads, kept in a key/value store (one small file per upload on disk). */
export interface UploadRecords {
  /**
   * The record of a file already uploaded to `destination`: same path, size and modification time; or, when only
   * the time differs (a copy, a `touch`), same CRC-64 content (the file is read to tell).
   */
  find(file: Candidate, destination: string): Promise<UploadRecord | undefined>
  save(file: Candidate, destination: string, result: UploadResult): Promise<void>
}

/** The records in `store`. */
export function uploadRecords(store: KeyValueStore): UploadRecords {
  const key = (file: Candidate, destination: string) =>
    `vodup:uploaded:${destination}\n${file.path}`
  const write = (file: Candidate, record: UploadRecord) =>
    store.set(key(file, record.destination), JSON.stringify(record))
  return {
    async find(file, destination) {
      const record = parse(await store.get(key(file, destination)))
      if (!record || record.destination !== destination || record.size !== file.size)
        return undefined
      if (record.mtimeMs === file.mtimeMs) return record
      if (!record.crc64 || (await fileCrc64(file.path)) !== record.crc64) return undefined
      const refreshed = { ...record, mtimeMs: file.mtimeMs }
      await write(file, refreshed)
      return refreshed
    },
    save(file, destination, result) {
      return write(file, {
        v: 1,
        destination,
        path: file.path,
        size: file.size,
        mtimeMs: file.mtimeMs,
        ...(result.crc64 ? { crc64: result.crc64 } : {}),
        ...(result.videoId ? { videoId: result.videoId } : {}),
        ...(result.imageId ? { imageId: result.imageId } : {}),
        bucket: result.bucket,
        objectKey: result.objectKey,
        uploadedAt: new Date().toISOString(),
      })
    },
  }
}
