import { type Authorization, assertAuthorization, sameDestination } from './authorization'
import { raceCancel } from './cancel'
import { toUploadError, UploadError } from './errors'
import type { FileRun } from './file-run'
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
    private readonly run: FileRun,
    private readonly gate: Gate,
    initial: Authorization,
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
   * A refresh may name another destination (VOD issues a new image for CreateUploadImage). It is taken, with its
   * extension fields, while no multipart upload exists; otherwise the upload keeps its destination and fields,
   * since its parts live under them.
   */
  private adopt(next: Authorization): Authorization {
    const { file } = this.run
    if (!sameDestination(next.destination, this.current.destination) && file.uploadId) {
      this.host.log(
        'warn',
        'Refreshed credentials name another destination; the upload keeps its own.',
        { fileId: file.id },
      )
      const kept = { ...next, destination: this.current.destination, extensions: undefined }
      this.run.authorized(kept, false)
      return kept
    }
    this.run.authorized(next, true)
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
    this.run.setState('awaiting-credentials')
    try {
      const { file, signal } = this.run
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
      this.run.setState('uploading')
    } finally {
      this.gate.open('credentials')
    }
  }
}
