import type { Authorization } from './authorization'
import { type CancelController, type CancelSignal, createCancelController } from './cancel'
import type { Checkpoint } from './checkpoint'
import type { UploadError } from './errors'
import { setExtensions } from './file-extensions'
import type { FileRecord } from './file-record'
import { transition } from './file-state'
import type { FileState, UploadResult } from './file-task'
import type { UploaderHooks } from './hooks'

/**
 * One run of one file, and while it runs the only writer of the file's fields: its state, size, destination,
 * extension fields, upload id, bytes loaded, result and error. It also keeps what a later cancel needs (the
 * newest authorization, the fingerprint) outside the file object, so no hook payload can carry a credential.
 */
export class FileRun {
  private readonly controller: CancelController
  /** The state a user action asked for while the run was active (`stopped`, `canceled`). */
  requestedEnd: 'stopped' | 'canceled' | undefined
  /** Settles when the run is over. */
  done: Promise<void> | undefined
  private currentAuthorization: Authorization | undefined
  private currentFingerprint: string | undefined

  constructor(
    private readonly hooks: UploaderHooks,
    readonly file: FileRecord,
    parent: CancelSignal,
  ) {
    this.controller = createCancelController(parent)
  }

  /** Aborts on stop, cancel and removal, and when the run is over. */
  get signal(): CancelSignal {
    return this.controller.signal
  }

  /** The newest authorization the file got (kept for aborting its upload after a cancel). */
  get authorization(): Authorization | undefined {
    return this.currentAuthorization
  }

  get fingerprint(): string | undefined {
    return this.currentFingerprint
  }

  /** Ends the run (or what waits on its behalf) with `reason`. */
  abort(reason: UploadError): void {
    this.controller.abort(reason)
  }

  setState(state: FileState): void {
    transition(this.hooks, this.file, state)
  }

  /** The run begins: the last run's error is cleared. */
  began(): void {
    this.file.error = undefined
    this.setState('uploading')
  }

  opened(size: number): void {
    this.file.size = size
  }

  /** The file's resume key: its checkpoint is dropped with it after a cancel. */
  identified(fingerprint: string): void {
    this.currentFingerprint = fingerprint
  }

  /** A checkpoint is resumed: the extension fields it kept come back (without overwriting newer ones). */
  resumed(checkpoint: Checkpoint): void {
    setExtensions(this.file, checkpoint.extensions, true)
  }

  /** Keeps `authorization` for signing; `adopt` also makes its destination and extension fields the file's. */
  authorized(authorization: Authorization, adopt: boolean): void {
    this.currentAuthorization = authorization
    if (!adopt) return
    this.file.destination = { ...authorization.destination }
    setExtensions(this.file, authorization.extensions)
  }

  uploadStarted(uploadId: string): void {
    this.file.uploadId = uploadId
  }

  /** The multipart upload is over (completed, aborted, or the server forgot it). */
  uploadEnded(): void {
    this.file.uploadId = undefined
  }

  loaded(bytes: number): void {
    this.file.loaded = bytes
  }

  succeeded(result: UploadResult): void {
    this.file.result = result
    this.file.loaded = result.size
    this.setState('success')
  }

  failed(error: UploadError): void {
    this.file.error = error
    this.setState('failure')
  }
}
