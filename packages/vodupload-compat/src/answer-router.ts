import {
  type Destination,
  type FileTask,
  type Kernel,
  toUploadError,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import { type CredentialAnswer, credentialFlow, normalizeEndpoint, vodEndpoint } from '@vodup/vod'
import { Mailbox } from './mailbox'

const NAME = 'vodupload-answers'

/** How the router reaches VOD and the app. */
export interface AnswerRouterOptions {
  /** VOD region of the STS flow's calls, until an UploadAuth names one. */
  region: string
  /** VOD OpenAPI endpoint, when not `https://vod.<region>.aliyuncs.com`. */
  vodEndpoint?: string
  /** Destinations are custom domains bound to their buckets. */
  cname: boolean
  /** Plain http:// to hosts that are not loopback is accepted. */
  allowPlainHttp: boolean
  /** True when the app answers expiries (it has an onUploadTokenExpired callback); else an expiry fails the file. */
  answersExpiry(): boolean
  /** VOD refused the app's STS token as expired: ask the app again (onUploadTokenExpired). */
  tokenRefused(file: FileTask, error: UploadError): void
  /** Some file now waits (true) or no longer waits (false) for refreshed credentials. */
  expiring(waiting: boolean): void
}

/** Routes VODUpload's credential calls to the one VOD credential flow (`credentialFlow` of `@vodup/vod`). */
export interface AnswerRouter {
  /** The plugins to install: the credential flow, and the bookkeeping of files that wait for the app. */
  readonly plugins: UploaderPlugin[]
  /** A file's credentials (`setUploadAuthAndAddress`, `setSTSToken`). False if the file takes none now or `read` threw. */
  answer(file: FileTask, read: () => CredentialAnswer): boolean
  /** Refreshed credentials for the file that waits for them (`resumeUploadWith*`). False if none waits or `read` threw. */
  answerExpired(read: () => CredentialAnswer): boolean
  /** True while a file waits for refreshed credentials. */
  waitsForRefresh(): boolean
}

const TAKES_ANSWERS = new Set(['ready', 'uploading', 'awaiting-credentials'])

/** True while a file takes credentials from the app: not yet or still uploading. */
export function takesAnswers(file: FileTask): boolean {
  return TAKES_ANSWERS.has(file.state)
}

/**
 * The VODUpload credential flow: whichever of `setUploadAuthAndAddress` and `setSTSToken` the app calls after
 * `onUploadstarted` answers the file's `authorize`; whichever of `resumeUploadWithAuth` and
 * `resumeUploadWithSTSToken` it calls after `onUploadTokenExpired` answers `tokenExpired`. The answers feed the
 * same credential flow as `uploadAuth()` and `sts()`: with STS credentials vodup calls VOD itself
 * (CreateUploadVideo, CreateUploadImage, or RefreshUploadVideo with the file's videoId), under the retry policy.
 */
export function answerRouter(options: AnswerRouterOptions): AnswerRouter {
  const mailbox = new Mailbox<CredentialAnswer>()
  const expired = new Set<string>()

  const deliver = (fileId: string, read: () => CredentialAnswer): boolean => {
    try {
      mailbox.deliver(fileId, { value: read() })
      return true
    } catch (error) {
      mailbox.deliver(fileId, { error: toUploadError(error, 'AUTH_INVALID') })
      return false
    }
  }

  /** Waits for refreshed credentials; with `refusal` (VOD refused the STS token) the app is told first. */
  const awaitRefresh = async (file: FileTask, refusal?: UploadError) => {
    expired.add(file.id)
    options.expiring(true)
    try {
      if (refusal) options.tokenRefused(file, refusal)
      return await mailbox.take(file.id)
    } finally {
      expired.delete(file.id)
      options.expiring(expired.size > 0)
    }
  }

  const flow = credentialFlow({
    name: NAME,
    allowPlainHttp: options.allowPlainHttp,
    vodEndpoint: (file) =>
      vodEndpoint(file.destination?.region ?? options.region, options.vodEndpoint),
    adjustDestination: (destination, file) => withAppDestination(destination, file, options.cname),
    async ask({ file, reason, error, signal }) {
      if (reason === 'authorize') {
        // Answers left when the run ends (stop, cancel, failure, removal, success) are stale for the next run.
        signal.onAbort((end) => {
          mailbox.forget(file.id, end)
          if (expired.delete(file.id)) options.expiring(expired.size > 0)
        })
        return mailbox.take(file.id)
      }
      // Without onUploadTokenExpired nobody answers: the expiry (or VOD's refusal) fails the file.
      if (!options.answersExpiry()) return undefined
      return awaitRefresh(file, reason === 'token-expired' ? error : undefined)
    },
  })

  const bookkeeping: UploaderPlugin = {
    name: 'vodupload-expiry',
    apply(kernel: Kernel) {
      // Before callback-compat tells the app (onUploadTokenExpired), so an answer given inside the callback counts.
      kernel.hooks.credentialsExpired.tap(
        { name: 'vodupload-expiry', before: 'callback-compat' },
        ({ file }) => {
          if (options.answersExpiry()) {
            expired.add(file.id)
            options.expiring(true)
          }
        },
      )
    },
  }

  return {
    plugins: [bookkeeping, flow],
    answer(file, read) {
      return takesAnswers(file) && deliver(file.id, read)
    },
    answerExpired(read) {
      const [fileId] = expired
      if (fileId === undefined) return false
      return deliver(fileId, read)
    },
    waitsForRefresh: () => expired.size > 0,
  }
}

/** Applies `addFile`'s endpoint, bucket and object, which override the UploadAddress (as in VODUpload). */
function withAppDestination(destination: Destination, file: FileTask, cname: boolean): Destination {
  const { endpoint, bucket, object } = file.meta
  const adjusted = { ...destination }
  if (typeof endpoint === 'string' && endpoint !== '') {
    const normalized = normalizeEndpoint(endpoint)
    if (!normalized) {
      throw new UploadError(
        'INVALID_ARGUMENT',
        `addFile's endpoint "${endpoint}" is not an http(s) URL.`,
        {
          field: 'endpoint',
        },
      )
    }
    adjusted.endpoint = normalized
  }
  if (typeof bucket === 'string' && bucket !== '') adjusted.bucket = bucket
  if (typeof object === 'string' && object !== '') adjusted.objectKey = object
  if (cname) adjusted.cname = true
  return adjusted
}
