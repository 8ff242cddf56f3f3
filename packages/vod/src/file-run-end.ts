import { type FileState, type FileTask, type Kernel, UploadError } from '@vodup/core'

const RUN_ENDS: ReadonlySet<FileState> = new Set<FileState>([
  'success',
  'failure',
  'canceled',
  'stopped',
])

/**
 * Calls `listener` when a file's run ends (success, failure, cancel, stop) or the file leaves the list, with an
 * `ABORTED` error to end whatever the plugin still waits for on its behalf.
 */
export function onFileRunEnd(
  kernel: Kernel,
  pluginName: string,
  listener: (file: FileTask, reason: UploadError) => void,
): void {
  kernel.hooks.stateChanged.tap(pluginName, (file) => {
    if (!RUN_ENDS.has(file.state)) return
    listener(file, new UploadError('ABORTED', `"${file.name}" is no longer uploading.`))
  })
  kernel.hooks.fileRemoved.tap(pluginName, (file) => {
    listener(file, new UploadError('ABORTED', `"${file.name}" left the list.`))
  })
}
