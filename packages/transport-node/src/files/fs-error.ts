import { UploadError } from '@vodup/core'

/** Maps an `fs` failure on `path` to `FILE_NOT_FOUND` or `FILE_NOT_READABLE`. */
export function toFileError(error: unknown, path: string): UploadError {
  const code = (error as { code?: unknown })?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UploadError('FILE_NOT_FOUND', `No file at ${path}.`, { cause: error })
    case 'EACCES':
    case 'EPERM':
      return new UploadError('FILE_NOT_READABLE', `No permission to read ${path}.`, {
        cause: error,
      })
    case 'EISDIR':
      return new UploadError('FILE_NOT_READABLE', `${path} is a directory, not a file.`, {
        cause: error,
      })
    default:
      return new UploadError(
        'FILE_NOT_READABLE',
        `Could not read ${path}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
  }
}
