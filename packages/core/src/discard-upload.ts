import { createCancelController } from './cancel'
import { removeCheckpoint } from './checkpoint-keeper'
import { toUploadError } from './errors'
import type { FileRun } from './file-run'
import type { KernelHost } from './kernel-host'
import { buildTargetContext } from './upload-session'

/**
 * Discards what a canceled file left behind: its multipart upload on the server, with the newest credentials of
 * its last run (best effort: a failure is a `warning`, since the cancel itself must not fail), and its checkpoint.
 */
export async function discardUpload(host: KernelHost, run: FileRun): Promise<void> {
  const { file, authorization, fingerprint } = run
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
        { fileId: file.id },
      )
      host.hooks.warning.call(problem, file)
    }
  }
  if (fingerprint && host.options.checkpoints) await removeCheckpoint(host, file, fingerprint)
  run.uploadEnded()
}
