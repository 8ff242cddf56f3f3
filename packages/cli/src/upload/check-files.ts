import { isUploadError, type Transport, toUploadError } from '@vodup/core'
import type { FileFailure } from '../output/file-report'

/** A file the command can upload, with its size. */
export interface CheckedFile {
  path: string
  size: number
}

/**
 * Opens every named file once before anything is sent, so a missing file, a directory or an unreadable file is
 * reported at once (each with its code) instead of halfway through the batch. Repeated paths count once.
 */
export async function checkFiles(
  transport: Transport,
  paths: string[],
): Promise<{ files: CheckedFile[]; problems: FileFailure[] }> {
  const files: CheckedFile[] = []
  const problems: FileFailure[] = []
  for (const path of new Set(paths)) {
    try {
      const source = await transport.openFile(path)
      files.push({ path, size: source.size })
      await source.close()
    } catch (thrown) {
      const error = isUploadError(thrown) ? thrown : toUploadError(thrown, 'FILE_NOT_READABLE')
      const { name } = transport.identify(path)
      problems.push({ name, path, error: { code: error.code, message: error.message } })
    }
  }
  return { files, problems }
}
