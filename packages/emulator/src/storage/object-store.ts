import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { BlobStore } from './blob-store.js'
import type { Persistence } from './persistence.js'

/** A run of object bytes held in one blob. */
export interface Segment {
  ref: string
  size: number
}

/** A stored object. */
export interface StoredObject {
  bucket: string
  key: string
  size: number
  /** Upper-case hex, without quotes; multipart objects have the `<hex>-<parts>` form. */
  etag: string
  /** CRC-64/XZ of the stored bytes, as a decimal string. */
  crc64: string
  contentType: string
  /** Epoch milliseconds (server clock). */
  lastModified: number
  type: 'Normal' | 'Multipart'
  /** `x-oss-meta-*` and other kept headers, lower-case names. */
  meta: Record<string, string>
  segments: Segment[]
}

/** An initiated multipart upload. */
export interface UploadRecord {
  uploadId: string
  bucket: string
  key: string
  initiated: number
  contentType: string
  meta: Record<string, string>
}

/** A received part. */
export interface PartRecord {
  partNumber: number
  size: number
  /** MD5 of the received bytes, upper-case hex without quotes. */
  etag: string
  /** CRC-64/XZ of the stored bytes, decimal string. */
  crc64: string
  lastModified: number
  ref: string
}

/** A multipart upload in progress, as the emulator API reports it. */
export interface MultipartUploadInfo {
  uploadId: string
  bucket: string
  key: string
  /** ISO-8601 */
  initiated: string
  /** Part numbers received so far, ascending. */
  partNumbers: number[]
}

const objectName = (bucket: string, key: string) =>
  `objects/${createHash('sha1').update(`${bucket}\n${key}`).digest('hex')}`

/** Objects and multipart uploads, with their bytes in a {@link BlobStore} and records in a {@link Persistence}. */
export class ObjectStore {
  private readonly objects = new Map<string, StoredObject>()
  private readonly uploads = new Map<
    string,
    { record: UploadRecord; parts: Map<number, PartRecord> }
  >()

  constructor(
    readonly blobs: BlobStore,
    private readonly persistence: Persistence,
  ) {}

  /** Restores objects and uploads saved in the data directory. */
  async load(): Promise<void> {
    for (const name of await this.persistence.list('objects')) {
      const object = await this.persistence.load<StoredObject>(`objects/${name}`)
      if (object) this.objects.set(objectName(object.bucket, object.key), object)
    }
    for (const id of await this.persistence.list('uploads')) {
      const record = await this.persistence.load<UploadRecord>(`uploads/${id}`)
      if (!record) continue
      const parts = new Map<number, PartRecord>()
      for (const n of await this.persistence.list(`upload-parts/${id}`)) {
        const part = await this.persistence.load<PartRecord>(`upload-parts/${id}/${n}`)
        if (part) parts.set(part.partNumber, part)
      }
      this.uploads.set(id, { record, parts })
    }
  }

  getObject(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(objectName(bucket, key))
  }

  /** Stores an object, replacing (and freeing) any previous one under that key. */
  async putObject(object: StoredObject): Promise<void> {
    const name = objectName(object.bucket, object.key)
    const previous = this.objects.get(name)
    this.objects.set(name, object)
    await this.persistence.save(name, object)
    if (previous) await this.freeSegments(previous.segments)
  }

  /** Deletes an object if it exists. */
  async deleteObject(bucket: string, key: string): Promise<void> {
    const name = objectName(bucket, key)
    const previous = this.objects.get(name)
    if (!previous) return
    this.objects.delete(name)
    await this.persistence.remove(name)
    await this.freeSegments(previous.segments)
  }

  /** Bytes `start` to `end` (exclusive) of an object, streamed across its segments. */
  readObject(object: StoredObject, start = 0, end = object.size): Readable {
    const blobs = this.blobs
    async function* pieces() {
      let offset = 0
      for (const segment of object.segments) {
        const segmentEnd = offset + segment.size
        if (segmentEnd > start && offset < end) {
          const from = Math.max(0, start - offset)
          const to = Math.min(segment.size, end - offset)
          yield* blobs.read(segment.ref, from, to)
        }
        offset = segmentEnd
        if (offset >= end) break
      }
    }
    return Readable.from(pieces(), { objectMode: false })
  }

  /** Every byte of an object, or undefined. */
  readAll(bucket: string, key: string): Buffer | undefined {
    const object = this.getObject(bucket, key)
    if (!object) return undefined
    return Buffer.concat(object.segments.map((segment) => this.blobs.readAllSync(segment.ref)))
  }

  async createUpload(record: UploadRecord): Promise<void> {
    this.uploads.set(record.uploadId, { record, parts: new Map() })
    await this.persistence.save(`uploads/${record.uploadId}`, record)
  }

  getUpload(uploadId: string): UploadRecord | undefined {
    return this.uploads.get(uploadId)?.record
  }

  /** Parts received so far, ascending by number. */
  listParts(uploadId: string): PartRecord[] {
    const upload = this.uploads.get(uploadId)
    if (!upload) return []
    return [...upload.parts.values()].sort((a, b) => a.partNumber - b.partNumber)
  }

  getPart(uploadId: string, partNumber: number): PartRecord | undefined {
    return this.uploads.get(uploadId)?.parts.get(partNumber)
  }

  /** Stores a part, replacing an earlier one with the same number. False when the upload is gone. */
  async putPart(uploadId: string, part: PartRecord): Promise<boolean> {
    const upload = this.uploads.get(uploadId)
    if (!upload) return false
    const previous = upload.parts.get(part.partNumber)
    upload.parts.set(part.partNumber, part)
    await this.persistence.save(`upload-parts/${uploadId}/${part.partNumber}`, part)
    if (previous) await this.blobs.remove(previous.ref)
    return true
  }

  /** Turns the chosen parts into the object and drops the upload and its other parts. */
  async completeUpload(
    uploadId: string,
    object: StoredObject,
    chosen: PartRecord[],
  ): Promise<void> {
    const upload = this.uploads.get(uploadId)
    if (!upload) return
    this.uploads.delete(uploadId)
    const kept = new Set(chosen.map((p) => p.ref))
    await this.putObject(object)
    await this.persistence.remove(`uploads/${uploadId}`)
    await this.persistence.remove(`upload-parts/${uploadId}`)
    await this.freeSegments([...upload.parts.values()].filter((p) => !kept.has(p.ref)))
  }

  /** Drops an upload and its parts. False when it did not exist. */
  async abortUpload(uploadId: string): Promise<boolean> {
    const upload = this.uploads.get(uploadId)
    if (!upload) return false
    this.uploads.delete(uploadId)
    await this.persistence.remove(`uploads/${uploadId}`)
    await this.persistence.remove(`upload-parts/${uploadId}`)
    await this.freeSegments([...upload.parts.values()])
    return true
  }

  /** Uploads initiated and neither completed nor aborted. */
  listUploads(): MultipartUploadInfo[] {
    return [...this.uploads.values()].map(({ record, parts }) => ({
      uploadId: record.uploadId,
      bucket: record.bucket,
      key: record.key,
      initiated: new Date(record.initiated).toISOString(),
      partNumbers: [...parts.keys()].sort((a, b) => a - b),
    }))
  }

  private async freeSegments(segments: { ref: string }[]): Promise<void> {
    await Promise.all(segments.map((s) => this.blobs.remove(s.ref)))
  }
}
