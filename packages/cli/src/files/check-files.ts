import { isUploadError, type Transport, toUploadError } from '@vodup/core'
import type { FileFailure } from '../output/file-report'
import type { Candidate } from './collect-files'

/**
 * Opens every file once before anything is sent, so a file the user may not read is reported at once (with its
 * code) instead of halfway through the batch.
 */
export async function checkReadable(
  transport: Transport,
  files: Candidate[],
): Promise<FileFailure[]> {
  const problems: FileFailure[] = []
  for (const file of files) {
    try {
      const source = await transport.openFile(file.path)
      await source.close()
    } catch (thrown) {
      const error = isUploadError(thrown) ? thrown : toUploadError(thrown, 'FILE_NOT_READABLE')
      problems.push({
        name: file.display,
        path: file.path,
        error: { code: error.code, message: error.message },
      })
    }
  }
  return problems
}
