import type { Authorization, Destination } from './authorization'
import type { CancelController } from './cancel'
import type { UploadError } from './errors'
import type { FileMeta, FileState, FileTask, UploadResult } from './file-task'

/** The kernel's own view of a file: the public fields plus what only the kernel may see. */
export class FileRecord implements FileTask {
  state: FileState = 'ready'
  size: number | undefined
  loaded = 0
  destination: Destination | undefined
  videoId: string | undefined
  imageId: string | undefined
  imageUrl: string | undefined
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
    if (typeof meta.videoId === 'string' && meta.videoId) this.videoId = meta.videoId
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
      videoId: this.videoId,
      imageId: this.imageId,
      imageUrl: this.imageUrl,
      uploadId: this.uploadId,
      error: this.error,
      result: this.result,
    }
  }
}

const runtimes = new WeakMap<FileRecord, FileRuntime>()

/**
 * Per-file data that hooks must never see (credentials, the run's controller). It lives outside the file object,
 * so no event payload can carry it.
 */
export function runtimeOf(file: FileRecord): FileRuntime {
  let runtime = runtimes.get(file)
  if (!runtime) {
    runtime = new FileRuntime()
    runtimes.set(file, runtime)
  }
  return runtime
}

/** See {@link runtimeOf}. */
export class FileRuntime {
  authorization: Authorization | undefined
  fingerprint: string | undefined
  controller: CancelController | undefined
  /** Settles when the file's current run is over. */
  running: Promise<void> | undefined
  /** The state a user action asked for while the run was active (`stopped`, `canceled`). */
  requestedEnd: 'stopped' | 'canceled' | undefined
}
