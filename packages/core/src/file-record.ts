import type { Destination } from './authorization'
import type { UploadError } from './errors'
import { extensionsOf } from './file-extensions'
import type { FileMeta, FileState, FileTask, UploadResult } from './file-task'

/**
 * The kernel's file object: the public fields hooks read. Only two places write them: a file's {@link FileRun}
 * while it runs, and the uploader's state changes between runs (`transition`).
 */
export class FileRecord implements FileTask {
  state: FileState = 'ready'
  size: number | undefined
  loaded = 0
  destination: Destination | undefined
  uploadId: string | undefined
  error: UploadError | undefined
  result: UploadResult | undefined

  constructor(
    readonly id: string,
    readonly input: unknown,
    readonly key: string,
    readonly name: string,
    readonly meta: FileMeta,
  ) {
    this.size = undefined
  }

  /** The public fields, for JSON and logs. */
  toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      key: this.key,
      name: this.name,
      meta: this.meta,
      state: this.state,
      size: this.size,
      loaded: this.loaded,
      destination: this.destination,
      ...extensionsOf(this),
      uploadId: this.uploadId,
      error: this.error,
      result: this.result,
    }
  }
}
