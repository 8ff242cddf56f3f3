import { type Checkpoint, parseCheckpoint } from './checkpoint'
import { toUploadError, UploadError } from './errors'
import type { FileRecord } from './file-record'
import { STAGE_FALLBACK } from './hooks'
import type { KernelHost } from './kernel-host'

const STORE_TAP = 'vodup:checkpoint-store'

/** The store key of a checkpoint. */
export function checkpointKey(fingerprint: string): string {
  return `vodup:cp:${fingerprint}`
}

/** Taps the checkpoint hooks with the transport's store, as the answer of last resort. */
export function tapCheckpointStore(host: KernelHost): void {
  const stage = { name: STORE_TAP, stage: STAGE_FALLBACK }
  host.hooks.loadCheckpoint.tapPromise(stage, async (_file, fingerprint) =>
    parseCheckpoint(await host.transport.store.get(checkpointKey(fingerprint))),
  )
  host.hooks.saveCheckpoint.tapPromise(stage, async (_file, checkpoint) => {
    await host.transport.store.set(
      checkpointKey(checkpoint.fingerprint),
      JSON.stringify(checkpoint),
    )
    return true
  })
  host.hooks.removeCheckpoint.tapPromise(stage, async (_file, fingerprint) => {
    await host.transport.store.remove(checkpointKey(fingerprint))
    return true
  })
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
      const found = await this.host.hooks.loadCheckpoint.promise(this.file, this.fingerprint)
      return found && found.fingerprint === this.fingerprint ? found : undefined
    } catch (error) {
      this.warn('read', error)
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
        await this.host.hooks.saveCheckpoint.promise(this.file, next)
      } catch (error) {
        this.warn('write', error)
      }
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
    try {
      await this.host.hooks.removeCheckpoint.promise(this.file, this.fingerprint)
    } catch (error) {
      this.warn('remove', error)
    }
  }

  private warn(action: string, error: unknown): void {
    const cause = toUploadError(error, 'STORAGE_ERROR')
    const problem = new UploadError(
      'STORAGE_ERROR',
      `Could not ${action} the checkpoint of "${this.file.name}": ${cause.message}`,
      { cause },
    )
    this.host.log('warn', problem.message, { fileId: this.file.id })
    this.host.notify(this.host.hooks.warning, this.file, problem, this.file)
  }
}
