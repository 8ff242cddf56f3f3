import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, createWriteStream, readFileSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'

/** Collects the bytes of one blob while they arrive. */
export interface BlobWriter {
  /** Appends bytes; resolves when the store can take more (backpressure). */
  write(chunk: Buffer): Promise<void>
  /** Finishes the blob and returns its reference. */
  commit(): Promise<string>
  /** Drops the bytes written so far. */
  discard(): Promise<void>
}

/** Byte storage for object data and parts. Blobs are immutable once committed. */
export interface BlobStore {
  writer(): BlobWriter
  /** Bytes `start` (inclusive) to `end` (exclusive) of a blob. */
  read(ref: string, start: number, end: number): Readable
  /** Every byte of a blob, read synchronously (for the test-facing `getObject`). */
  readAllSync(ref: string): Buffer
  remove(ref: string): Promise<void>
}

const newRef = () => randomBytes(12).toString('hex')

/** Blobs held as the received chunks in memory. */
export function memoryBlobStore(): BlobStore {
  const blobs = new Map<string, Buffer[]>()
  return {
    writer() {
      let chunks: Buffer[] = []
      return {
        async write(chunk) {
          chunks.push(chunk)
        },
        async commit() {
          const ref = newRef()
          blobs.set(ref, chunks)
          return ref
        },
        async discard() {
          chunks = []
        },
      }
    },
    read(ref, start, end) {
      const chunks = blobs.get(ref) ?? []
      return Readable.from(sliceChunks(chunks, start, end), { objectMode: false })
    },
    readAllSync(ref) {
      return Buffer.concat(blobs.get(ref) ?? [])
    },
    async remove(ref) {
      blobs.delete(ref)
    },
  }
}

function* sliceChunks(chunks: Buffer[], start: number, end: number): Generator<Buffer> {
  let offset = 0
  for (const chunk of chunks) {
    const chunkEnd = offset + chunk.length
    if (chunkEnd > start && offset < end) {
      yield chunk.subarray(Math.max(0, start - offset), Math.min(chunk.length, end - offset))
    }
    offset = chunkEnd
    if (offset >= end) return
  }
}

/** Blobs as files under `<dataDir>/blobs`, streamed to and from disk. */
export function diskBlobStore(dataDir: string): BlobStore {
  const root = join(dataDir, 'blobs')
  let ready: Promise<unknown> | undefined
  const ensureRoot = () => {
    ready ??= mkdir(root, { recursive: true })
    return ready
  }
  return {
    writer() {
      const ref = newRef()
      const partial = join(root, `${ref}.partial`)
      let stream: ReturnType<typeof createWriteStream> | undefined
      let failure: Error | undefined
      const open = async () => {
        if (!stream) {
          await ensureRoot()
          stream = createWriteStream(partial)
          stream.on('error', (error) => {
            failure = error
          })
        }
        return stream
      }
      return {
        async write(chunk) {
          const out = await open()
          if (failure) throw failure
          if (!out.write(chunk)) await once(out, 'drain')
        },
        async commit() {
          const out = await open()
          await new Promise<void>((resolve, reject) => {
            out.end((error?: Error | null) => (error ? reject(error) : resolve()))
          })
          if (failure) throw failure
          await rename(partial, join(root, ref))
          return ref
        },
        async discard() {
          stream?.destroy()
          await rm(partial, { force: true })
        },
      }
    },
    read(ref, start, end) {
      if (end <= start) return Readable.from([])
      return createReadStream(join(root, ref), { start, end: end - 1, highWaterMark: 256 * 1024 })
    },
    readAllSync(ref) {
      return readFileSync(join(root, ref))
    },
    async remove(ref) {
      await rm(join(root, ref), { force: true })
    },
  }
}
