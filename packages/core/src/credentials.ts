import { type Authorization, assertAuthorization, sameDestination } from './authorization'
import { type CancelSignal, raceCancel } from './cancel'
import { toUploadError, UploadError } from './errors'
import type { FileRecord } from './file-record'
import type { FileState } from './file-task'
import type { Gate } from './gate'
import type { KernelHost } from './kernel-host'

/**
 * Holds one file's credentials and refreshes them single-flight: however many parts fail with an expired token
 * at once, `tokenExpired` runs once, the file's gate stays closed meanwhile (no new part starts), and every
 * waiting part continues with the new credentials.
 */
export class CredentialKeeper {
  private current: Authorization
  private receivedAt: number
  private generation = 0
  private refreshing: Promise<void> | undefined
  private refreshesWithoutProgress = 0

  constructor(
    private readonly host: KernelHost,
    private readonly file: FileRecord,
    private readonly gate: Gate,
    private readonly signal: CancelSignal,
    private readonly setState: (state: FileState) => void,
    initial: Authorization,
    /** Told of every refreshed authorization (the uploader aborts a canceled upload with the newest). */
    private readonly onRefreshed?: (authorization: Authorization) => void,
  ) {
    this.current = initial
    this.receivedAt = Date.now()
  }

  get authorization(): Authorization {
    return this.current
  }

  /** Grows with each refresh; a request remembers the version it was signed with. */
  get version(): number {
    return this.generation
  }

  /** The file made progress: refreshes are no longer "in a row". */
  progressed(): void {
    this.refreshesWithoutProgress = 0
  }

  /** Refreshes ahead of a known expiry, before a new request starts. */
  async ensureFresh(): Promise<void> {
    const expiresAt = this.current.credentials.expiresAt
    if (expiresAt === undefined) return
    const lifetime = expiresAt - this.receivedAt
    if (lifetime <= 0) return
    const margin = Math.min(this.host.options.refreshAheadMs, lifetime * 0.2)
    if (Date.now() < expiresAt - margin) return
    await this.refresh(
      new UploadError('TOKEN_EXPIRED', 'The credentials are about to expire.', {
        retryable: false,
      }),
      this.generation,
    )
  }

  /** After `TOKEN_EXPIRED` on a request signed with credentials of version `seenVersion`. */
  refresh(reason: UploadError, seenVersion: number): Promise<void> {
    if (seenVersion < this.generation) return Promise.resolve()
    if (!this.refreshing) {
      this.refreshing = this.runRefresh(reason).then(
        () => {
          this.refreshing = undefined
        },
        (error) => {
          this.refreshing = undefined
          throw error
        },
      )
    }
    return this.refreshing
  }

  /**
   * A refresh may name another destination (VOD issues a new image for CreateUploadImage). It is taken while no
   * multipart upload exists; otherwise the upload keeps its destination, since parts live under it.
   */
  private adopt(next: Authorization): Authorization {
    if (sameDestination(next.destination, this.current.destination)) return next
    if (this.file.uploadId) {
      this.host.log(
        'warn',
        'Refreshed credentials name another destination; the upload keeps its own.',
        {
          fileId: this.file.id,
        },
      )
      return { ...next, destination: this.current.destination }
    }
    this.file.destination = { ...next.destination }
    if (next.imageId) this.file.imageId = next.imageId
    if (next.imageUrl) this.file.imageUrl = next.imageUrl
    if (next.videoId) this.file.videoId = next.videoId
    return next
  }

  private async runRefresh(reason: UploadError): Promise<void> {
    const limit = this.host.options.maxRefreshesWithoutProgress
    if (++this.refreshesWithoutProgress > limit) {
      throw new UploadError(
        'TOKEN_EXPIRED',
        `The credentials were refreshed ${limit} times in a row and the server still refuses them.`,
        { cause: reason, serverCode: reason.serverCode, retryable: false },
      )
    }
    this.gate.close('credentials')
    this.setState('awaiting-credentials')
    try {
      const { file, signal } = this
      this.host.hooks.credentialsExpired.call({ file, error: reason })
      let next: Authorization | undefined
      try {
        next = await raceCancel(
          this.host.hooks.tokenExpired.promise({ file, error: reason, signal }),
          signal,
        )
      } catch (error) {
        throw signal.aborted ? signal.reason : toUploadError(error)
      }
      if (!next) {
        throw new UploadError(
          'TOKEN_EXPIRED',
          `${reason.message} No plugin refreshed the credentials (tap the tokenExpired hook).`,
          { cause: reason, serverCode: reason.serverCode, retryable: false },
        )
      }
      assertAuthorization(next)
      this.current = this.adopt(next)
      this.receivedAt = Date.now()
      this.generation++
      this.onRefreshed?.(this.current)
      this.setState('uploading')
    } finally {
      this.gate.open('credentials')
    }
  }
}
