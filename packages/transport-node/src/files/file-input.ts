import { basename, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type FileIdentity, UploadError } from '@vodup/core'

/** What `addFile` accepts in Node: a path, `{ path }`, or `{ url }` (a path or a `file:` URL, as VODUpload passes it). */
export type NodeFileInput = string | { path: string } | { url: string }

function invalid(message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field: 'input' })
}

function fromUrl(url: string): string {
  if (url.startsWith('file:')) {
    try {
      return fileURLToPath(url)
    } catch (error) {
      throw new UploadError('INVALID_ARGUMENT', `"${url}" is not a valid file URL.`, {
        field: 'input',
        cause: error,
      })
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw invalid(`"${url}" is not a local file: give a path or a file: URL.`)
  }
  return url
}

/** The absolute path of a file input; throws `INVALID_ARGUMENT` for anything else. */
export function inputPath(input: unknown): string {
  let path: unknown
  if (typeof input === 'string') path = input
  else if (typeof input === 'object' && input !== null) {
    const { path: p, url } = input as { path?: unknown; url?: unknown }
    path = typeof p === 'string' ? p : typeof url === 'string' ? fromUrl(url) : undefined
  }
  if (typeof path !== 'string' || path.trim() === '') {
    throw invalid('A file input is a path, { path } or { url } with a non-empty string.')
  }
  if (path.includes('\u0000')) throw invalid('A file path cannot contain a NUL character.')
  return resolve(path)
}

/** Describes a file input without touching the disk. */
export function identifyInput(input: unknown): FileIdentity {
  const path = inputPath(input)
  return { key: path, name: basename(path) }
}
