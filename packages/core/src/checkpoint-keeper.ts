import { type Checkpoint, parseCheckpoint } from './checkpoint'
import { toUploadError, UploadError } from './errors'
import type { FileRecord } from './file-record'
import type { KernelHost } from './kernel-host'

/** The store key of a checkpoint. */
export function checkpointKey(fingerprint: string): string {
  return `vodup:cp:${fingerprint}`
}

/** A file's checkpoint from a `loadCheckpoint` tap, or else from the transport's store. */
async function readCheckpoint(
  host: KernelHost,
  file: FileRecord,
  fingerprint: string,
): Promise<Checkpoint | undefined> {
  const answered = await host.hooks.loadCheckpoint.promise(file, fingerprint)
  if (answered !== undefined) return answered
  return parseCheckpoint(await host.transport.store.get(checkpointKey(fingerprint)))
}

/** Saves through a `saveCheckpoint` tap, or else in the transport's store. */
async function writeCheckpoint(
  host: KernelHost,
  file: FileRecord,
  checkpoint: Checkpoint,
): Promise<void> {
  if ((await host.hooks.saveCheckpoint.promise(file, checkpoint)) === true) return
  await host.transport.store.set(checkpointKey(checkpoint.fingerprint), JSON.stringify(checkpoint))
}

/**
 * Removes a file's checkpoint through a `removeCheckpoint` tap, or else from the transport's store. A failure is
 * a `STORAGE_ERROR` warning: it never fails the upload or the cancel.
 */
export async function removeCheckpoint(
  host: KernelHost,
  file: FileRecord,
  fingerprint: string,
): Promise<void> {
  try {
    if ((await host.hooks.removeCheckpoint.promise(file, fingerprint)) === true) return
    await host.transport.store.remove(checkpointKey(fingerprint))
  } catch (error) {
    warnStorage(host, file, 'remove', error)
  }
}

function warnStorage(host: KernelHost, file: FileRecord, action: string, error: unknown): void {
  const cause = toUploadError(error, 'STORAGE_ERROR')
  const problem = new UploadError(
    'STORAGE_ERROR',
    `Could not ${action} the checkpoint of "${file.name}": ${cause.message}`,
    { cause },
  )
  host.log('warn', problem.message, { fileId: file.id })
  host.hooks.warning.call(problem, file)
}

/**
 * One file's checkpoint: loaded once, saved after each part (writes are serialized and coalesced: only the newest
 * state is written), removed at the end. Storage failures become warnings; they never fail the upload.
 */
export class CheckpointKeeper {
  private writing: Promise<void> = Promise.resolve()
  private pending: Checkpoint | undefined
  private scheduled = false

  constructor(
    private readonly host: KernelHost,
    private readonly file: FileRecord,
    readonly fingerprint: string,
    private readonly enabled: boolean,
  ) {}

  async load(): Promise<Checkpoint | undefined> {
    if (!this.enabled) return undefined
    try {
      const found = await readCheckpoint(this.host, this.file, this.fingerprint)
      return found && found.fingerprint === this.fingerprint ? found : undefined
    } catch (error) {
      warnStorage(this.host, this.file, 'read', error)
      return undefined
    }
  }

  save(checkpoint: Checkpoint): void {
    if (!this.enabled) return
    this.pending = checkpoint
    if (this.scheduled) return
    this.scheduled = true
    this.writing = this.writing.then(async () => {
      this.scheduled = false
      const next = this.pending
      this.pending = undefined
      if (!next) return
      try {
        await writeCheckpoint(this.host, this.file, next)
      } catch (error) {
        warnStorage(this.host, this.file, 'write', error)
        return
      }
      this.host.hooks.checkpointSaved.call({ file: this.file, checkpoint: next })
    })
  }

  /** Resolves once every save so far reached the store. */
  flush(): Promise<void> {
    return this.writing
  }

  async remove(): Promise<void> {
    if (!this.enabled) return
    this.pending = undefined
    await this.flush()
    await removeCheckpoint(this.host, this.file, this.fingerprint)
  }
}
