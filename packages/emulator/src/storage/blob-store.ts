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

/**
 * Blobs held as the received chunks in memory, at most `limitBytes` of them (committed and being written). A blob
 * that would go past it keeps nothing more: its body is still read to the end (so the client gets an answer, not
 * a reset connection), then `commit` throws what `full()` makes and its bytes are dropped.
 */
export function memoryBlobStore(
  limitBytes = Number.POSITIVE_INFINITY,
  full: (limitBytes: number) => Error = (limit) => new Error(`over ${limit} bytes in memory`),
): BlobStore {
  const blobs = new Map<string, { chunks: Buffer[]; size: number }>()
  let used = 0
  return {
    writer() {
      let chunks: Buffer[] = []
      let size = 0
      let overflowed = false
      return {
        async write(chunk) {
          if (overflowed || used + chunk.length > limitBytes) {
            overflowed = true
            return
          }
          used += chunk.length
          size += chunk.length
          chunks.push(chunk)
        },
        async commit() {
          if (overflowed) throw full(limitBytes)
          const ref = newRef()
          blobs.set(ref, { chunks, size })
          return ref
        },
        async discard() {
          used -= size
          chunks = []
          size = 0
        },
      }
    },
    read(ref, start, end) {
      const chunks = blobs.get(ref)?.chunks ?? []
      return Readable.from(sliceChunks(chunks, start, end), { objectMode: false })
    },
    readAllSync(ref) {
      return Buffer.concat(blobs.get(ref)?.chunks ?? [])
    },
    async remove(ref) {
      const blob = blobs.get(ref)
      if (!blob) return
      blobs.delete(ref)
      used -= blob.size
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
