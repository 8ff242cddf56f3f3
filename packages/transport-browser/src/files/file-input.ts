import { type FileIdentity, UploadError } from '@vodup/core'

/** What `addFile` accepts in a browser: a `File` (from an `<input type="file">` or a drop) or a named `Blob`. */
export type BrowserFileInput = File | { blob: Blob; name: string; lastModified?: number }

/** A file input taken apart: the bytes, the name and the modification time the resume key uses. */
export interface BlobFile {
  blob: Blob
  name: string
  lastModified?: number
}

function invalid(message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field: 'input' })
}

const isBlob = (value: unknown): value is Blob =>
  typeof Blob !== 'undefined' && value instanceof Blob

/** The blob, name and modification time of a file input; throws `INVALID_ARGUMENT` for anything else. */
export function blobFileOf(input: unknown): BlobFile {
  if (typeof File !== 'undefined' && input instanceof File) {
    const name = input.webkitRelativePath || input.name
    if (name === '') throw invalid('The File has no name; wrap it as { blob, name }.')
    return { blob: input, name, lastModified: input.lastModified }
  }
  if (typeof input === 'object' && input !== null && !isBlob(input)) {
    const { blob, name, lastModified } = input as Partial<Record<string, unknown>>
    if (isBlob(blob) && typeof name === 'string' && name !== '') {
      if (lastModified !== undefined && !Number.isFinite(lastModified)) {
        throw invalid('"lastModified" of a { blob, name } input must be a number (ms).')
      }
      return {
        blob,
        name,
        ...(lastModified !== undefined ? { lastModified: lastModified as number } : {}),
      }
    }
  }
  if (isBlob(input)) throw invalid('A Blob has no name: pass a File, or { blob, name }.')
  throw invalid('A file input is a File, or { blob: Blob, name: string, lastModified?: number }.')
}

/**
 * Describes a file input without reading it. The key is the name, size and modification time: choosing the same
 * file again after a reload gives the same key, and so the same checkpoint.
 */
export function identifyInput(input: unknown): FileIdentity {
  const { blob, name, lastModified } = blobFileOf(input)
  const base = name.slice(name.lastIndexOf('/') + 1)
  return { key: `blob:${name}:${blob.size}:${lastModified ?? ''}`, name: base, size: blob.size }
}
