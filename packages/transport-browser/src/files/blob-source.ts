import { checkReadRange, type FileSource, UploadError } from '@vodup/core'
import { blobFileOf } from './file-input'

/**
 * The `Blob` slice each chunk was read from: a request whose body is such a chunk sends the slice instead of the
 * bytes, so the browser streams it from the file without another copy in the page's memory.
 */
const sliceOfChunk = new WeakMap<Uint8Array, Blob>()

/** The file slice a chunk returned by `read` holds, if it is one. */
export function sliceOf(chunk: Uint8Array): Blob | undefined {
  return sliceOfChunk.get(chunk)
}

/** What a failed `Blob` read means for the upload. */
function readError(error: unknown, name: string): UploadError {
  const kind = (error as { name?: unknown } | undefined)?.name
  if (kind === 'NotFoundError') {
    return new UploadError('FILE_NOT_FOUND', `${name} was removed during the upload.`, {
      cause: error,
    })
  }
  if (kind === 'NotReadableError') {
    // Chromium answers a read of a File changed on disk since it was chosen with NotReadableError.
    return new UploadError(
      'FILE_CHANGED',
      `${name} changed, moved or became unreadable since it was chosen; choose it again.`,
      { cause: error },
    )
  }
  const reason = error instanceof Error ? error.message : String(error)
  return new UploadError('FILE_NOT_READABLE', `${name} could not be read: ${reason}`, {
    cause: error,
  })
}

/**
 * Opens a `File` or `Blob` for ranged reads: each read is `slice(start, end).arrayBuffer()`, so only the bytes
 * of the parts in flight are in the page's memory, whatever the file's size. The browser refuses to read a file
 * that changed on disk since it was chosen; that read fails with `FILE_CHANGED`.
 */
export async function openBlobSource(input: unknown): Promise<FileSource> {
  const { blob, name, lastModified } = blobFileOf(input)
  const size = blob.size
  return {
    size,
    name,
    ...(lastModified !== undefined ? { lastModified } : {}),
    async read(start, end) {
      checkReadRange(name, size, start, end)
      let buffer: ArrayBuffer
      const slice = blob.slice(start, end)
      try {
        buffer = await slice.arrayBuffer()
      } catch (error) {
        throw readError(error, name)
      }
      if (buffer.byteLength !== end - start) {
        throw new UploadError('FILE_CHANGED', `${name} became shorter during the upload.`)
      }
      const chunk = new Uint8Array(buffer)
      sliceOfChunk.set(chunk, slice)
      return chunk
    },
    async close() {},
  }
}
