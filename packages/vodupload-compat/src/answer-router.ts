import {
  type Authorization,
  type FileTask,
  isUploadError,
  type Kernel,
  toUploadError,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import {
  assertNotEmpty,
  decodeAnswer,
  Mailbox,
  normalizeEndpoint,
  onFileRunEnd,
  performRpc,
  toAuthorization,
  uploadActionFor,
  uploadActionParams,
} from '@vodup/vod'
import type { AppAnswer } from './app-answer'

const NAME = 'vodupload-answers'

/** How the router reaches VOD and the app. */
export interface AnswerRouterOptions {
  /** VOD region of the STS flow's calls, until an UploadAuth names one. */
  region: string
  /** VOD OpenAPI endpoint, when not `https://vod.<region>.aliyuncs.com`. */
  vodEndpoint?: string
  /** Destinations are custom domains bound to their buckets. */
  cname: boolean
  /** True when the app answers expiries (it has an onUploadTokenExpired callback); else an expiry fails the file. */
  answersExpiry(): boolean
  /** VOD refused the app's STS token as expired: ask the app again (onUploadTokenExpired). */
  tokenRefused(file: FileTask, error: UploadError): void
  /** Some file now waits (true) or no longer waits (false) for refreshed credentials. */
  expiring(waiting: boolean): void
}

/** Routes VODUpload's credential calls to the kernel's `authorize` and `tokenExpired` hooks. */
export interface AnswerRouter extends UploaderPlugin {
  /** A file's credentials (`setUploadAuthAndAddress`, `setSTSToken`). False if the file takes none now or `read` threw. */
  answer(file: FileTask, read: () => AppAnswer): boolean
  /** Refreshed credentials for the file that waits for them (`resumeUploadWith*`). False if none waits or `read` threw. */
  answerExpired(read: () => AppAnswer): boolean
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
 * `resumeUploadWithSTSToken` it calls after `onUploadTokenExpired` answers `tokenExpired`. With STS credentials
 * vodup calls VOD itself: CreateUploadVideo, CreateUploadImage, or RefreshUploadVideo with the file's videoId.
 */
export function answerRouter(options: AnswerRouterOptions): AnswerRouter {
  const mailbox = new Mailbox<AppAnswer>()
  const expired = new Set<string>()
  let kernel: Kernel | undefined

  const deliver = (fileId: string, read: () => AppAnswer): boolean => {
    try {
      mailbox.deliver(fileId, { value: read() })
      return true
    } catch (error) {
      mailbox.deliver(fileId, { error: toUploadError(error, 'AUTH_INVALID') })
      return false
    }
  }

  const callVod = async (file: FileTask, answer: AppAnswer & { kind: 'sts' }) => {
    const action = uploadActionFor(file)
    const live = kernel as Kernel
    const result = await performRpc(
      (request, sign) =>
        live.send(request, { operation: action, service: 'vod', fileId: file.id }, sign),
      {
        action,
        params: uploadActionParams(action, file),
        credentials: answer.token,
        region: file.destination?.region ?? options.region,
        ...(options.vodEndpoint !== undefined ? { endpoint: options.vodEndpoint } : {}),
      },
    )
    return decodeAnswer(result)
  }

  /** The authorization an answer gives; a refresh keeps the destination unless none is given. */
  const authorizationOf = async (
    file: FileTask,
    answer: AppAnswer,
    refresh: boolean,
  ): Promise<Authorization> => {
    const decoded = answer.kind === 'sts' ? await callVod(file, answer) : answer.decoded
    const current = refresh ? { destination: file.destination } : {}
    const authorization = toAuthorization(decoded, { ...current, videoId: file.videoId })
    return refresh ? authorization : withAppDestination(authorization, file, options.cname)
  }

  /** Waits for refreshed credentials; `ask` tells the app first (the STS token itself was refused). */
  const awaitRefresh = async (file: FileTask, refusal?: UploadError): Promise<AppAnswer> => {
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

  /** Settles an answer; while VOD refuses the app's STS token as expired, asks the app again. */
  const settle = async (file: FileTask, first: AppAnswer, refresh: boolean) => {
    let answer = first
    for (;;) {
      try {
        return await authorizationOf(file, answer, refresh)
      } catch (error) {
        const refused =
          answer.kind === 'sts' && isUploadError(error) && error.code === 'TOKEN_EXPIRED'
        if (!refused) throw error
        answer = await awaitRefresh(file, error)
      }
    }
  }

  return {
    name: NAME,
    answer(file, read) {
      return takesAnswers(file) && deliver(file.id, read)
    },
    answerExpired(read) {
      const [fileId] = expired
      if (fileId === undefined) return false
      return deliver(fileId, read)
    },
    waitsForRefresh: () => expired.size > 0,
    apply(host) {
      kernel = host
      host.hooks.authorize.tapPromise(NAME, async ({ file }) => {
        assertNotEmpty(file)
        return settle(file, await mailbox.take(file.id), false)
      })
      // Before callback-compat tells the app, so an answer given inside onUploadTokenExpired counts.
      host.hooks.credentialsExpired.tap({ name: NAME, before: 'callback-compat' }, ({ file }) => {
        if (options.answersExpiry()) {
          expired.add(file.id)
          options.expiring(true)
        }
      })
      // Without an answer (undefined) the kernel fails the file with TOKEN_EXPIRED.
      host.hooks.tokenExpired.tapPromise(NAME, async ({ file }) =>
        options.answersExpiry() ? settle(file, await awaitRefresh(file), true) : undefined,
      )
      onFileRunEnd(host, NAME, (file, reason) => {
        mailbox.forget(file.id, reason)
        if (expired.delete(file.id)) options.expiring(expired.size > 0)
      })
    },
  }
}

/** Applies `addFile`'s endpoint, bucket and object, which override the UploadAddress (as in VODUpload). */
function withAppDestination(
  authorization: Authorization,
  file: FileTask,
  cname: boolean,
): Authorization {
  const { endpoint, bucket, object } = file.meta
  const destination = { ...authorization.destination }
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
    destination.endpoint = normalized
  }
  if (typeof bucket === 'string' && bucket !== '') destination.bucket = bucket
  if (typeof object === 'string' && object !== '') destination.objectKey = object
  if (cname) destination.cname = true
  return { ...authorization, destination }
}
