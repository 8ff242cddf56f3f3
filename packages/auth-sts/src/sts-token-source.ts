import { isUploadError, UploadError } from '@vodup/core'
import { type CheckedStsToken, checkStsToken, type StsToken } from '@vodup/vod'

/**
 * The STS token of "modern" mode, shared by every file: fetched through the app's `getSTSToken` when first
 * needed, when it is about to expire, and when VOD refused it. Fetches are single-flight.
 */
export class StsTokenSource {
  private current: CheckedStsToken | undefined
  private fetching: Promise<CheckedStsToken> | undefined

  constructor(
    private readonly getSTSToken: () => Promise<StsToken>,
    private readonly aheadMs: () => number,
  ) {}

  /** The current token, or a new one if there is none or it expires within `aheadMs`. */
  usable(): Promise<CheckedStsToken> {
    const token = this.current
    if (token && (token.expiresAt === undefined || Date.now() < token.expiresAt - this.aheadMs())) {
      return Promise.resolve(token)
    }
    return this.renew(token)
  }

  /** A token other than `stale` (which VOD refused): the one another caller already got, or a new one. */
  renew(stale: CheckedStsToken | undefined): Promise<CheckedStsToken> {
    if (this.fetching) return this.fetching
    if (this.current && this.current !== stale) return Promise.resolve(this.current)
    const fetching = this.fetch().then(
      (token) => {
        this.fetching = undefined
        this.current = token
        return token
      },
      (error) => {
        this.fetching = undefined
        throw error
      },
    )
    this.fetching = fetching
    return fetching
  }

  private async fetch(): Promise<CheckedStsToken> {
    let token: StsToken
    try {
      token = await this.getSTSToken()
    } catch (error) {
      if (isUploadError(error)) throw error
      const reason = error instanceof Error ? error.message : String(error)
      throw new UploadError('AUTH_MISSING', `getSTSToken() failed: ${reason}`, { cause: error })
    }
    return checkStsToken(token)
  }
}
