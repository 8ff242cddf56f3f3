import { createCancelController } from './cancel'
import { removeCheckpoint } from './checkpoint-keeper'
import { toUploadError } from './errors'
import { type FileRecord, runtimeOf } from './file-record'
import type { KernelHost } from './kernel-host'
import { buildTargetContext } from './upload-session'

/**
 * Discards what a canceled file left behind: its multipart upload on the server (best effort: a failure is a
 * `warning`, since the cancel itself must not fail) and its checkpoint.
 */
export async function discardUpload(host: KernelHost, file: FileRecord): Promise<void> {
  const runtime = runtimeOf(file)
  const authorization = runtime.authorization
  const uploadId = file.uploadId
  if (uploadId && authorization) {
    try {
      const signal = createCancelController().signal
      const context = buildTargetContext(host, file, authorization, signal)
      await host.target.abortUpload(context, uploadId)
    } catch (error) {
      const problem = toUploadError(error)
      host.log(
        'warn',
        `Could not abort the upload of "${file.name}" on the server: ${problem.message}`,
        {
          fileId: file.id,
        },
      )
      host.hooks.warning.call(problem, file)
    }
  }
  if (runtime.fingerprint && host.options.checkpoints) {
    await removeCheckpoint(host, file, runtime.fingerprint)
  }
  file.uploadId = undefined
}
