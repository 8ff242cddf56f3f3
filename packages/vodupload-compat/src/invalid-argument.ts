import { isUploadError, UploadError } from '@vodup/core'

/** An `INVALID_ARGUMENT` error naming the argument or option at fault. */
export function invalidArgument(field: string, message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field })
}

/** Kernel and transport option names, as VODUpload calls them. */
const VODUPLOAD_NAMES: Record<string, string> = {
  concurrency: 'parallel',
  timeoutMs: 'timeout',
}

/**
 * Runs `build`, turning an `INVALID_ARGUMENT` about a kernel or transport option into one that names VODUpload's
 * option (`concurrency` → `parallel`), so the app reads the name it wrote.
 */
export function renameOptionError<T>(build: () => T): T {
  try {
    return build()
  } catch (error) {
    const name = isUploadError(error) && error.field ? VODUPLOAD_NAMES[error.field] : undefined
    if (!name || !isUploadError(error)) throw error
    throw new UploadError(
      'INVALID_ARGUMENT',
      `VODUpload option "${name}": ${error.message.replace(/"?\b(concurrency|timeoutMs)\b"?/g, `"${name}"`)}`,
      { field: name, cause: error },
    )
  }
}
