// Uploads driven from the test page: an uploader wired to the test's app server (a Node function the test exposes
// as `vodupAppServer`), recording what an app would see.
import { sts } from '@vodup/auth-sts'
import { uploadAuth } from '@vodup/auth-uploadauth'
import { createUploader, type FileTask, type Uploader, type UploaderPlugin } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { browserTransport } from '@vodup/transport-browser'

/** The app server calls a page may make; the test answers them in Node. */
type AppServerCall = (
  action: 'createUploadVideo' | 'refreshUploadVideo' | 'assumeRole' | 'expireTokens',
  argument?: string,
) => Promise<Record<string, string>>

const appServer = (...args: Parameters<AppServerCall>) =>
  (globalThis as unknown as { vodupAppServer: AppServerCall }).vodupAppServer(...args)

/** How the page's uploader gets credentials and what it does along the way. */
export interface PageUploadOptions {
  emulatorUrl: string
  flow: 'uploadauth' | 'sts'
  partSize?: number
  concurrency?: number
  /** After part `n` was acknowledged: stop the run, cancel the file, or expire every token on the server. */
  afterPart?: { n: number; act: 'stop' | 'cancel' | 'expire' }
}

/** What the page saw of an upload. */
export interface PageUploadRecord {
  percents: number[]
  partsAcknowledged: number[]
  states: string[]
  warnings: string[]
  result?: { videoId?: string; objectKey?: string; crc64?: string; partsSent?: number }
  /** Set when the run was stopped (the upload stays pending, to be resumed): the file's video id then. */
  stopped?: { videoId?: string }
  error?: { code: string; message: string; retryable: boolean }
}

function afterPartPlugin(options: PageUploadOptions, uploader: () => Uploader): UploaderPlugin {
  let done = false
  return {
    name: 'test-after-part',
    apply(kernel) {
      kernel.hooks.partUploaded.tap('test-after-part', (file: FileTask, part) => {
        const wanted = options.afterPart
        if (!wanted || done || part.n !== wanted.n) return
        done = true
        if (wanted.act === 'stop') void uploader().stop()
        else if (wanted.act === 'cancel') void uploader().cancelFile(file.id)
        else void appServer('expireTokens')
      })
    },
  }
}

/** Uploads `file` from the page and resolves with what the app saw (the error too, as data). */
export async function pageUpload(
  file: File,
  options: PageUploadOptions,
): Promise<PageUploadRecord> {
  const record: PageUploadRecord = { percents: [], partsAcknowledged: [], states: [], warnings: [] }
  const credentials =
    options.flow === 'sts'
      ? sts({
          endpoint: options.emulatorUrl,
          getSTSToken: () => appServer('assumeRole') as never,
        })
      : uploadAuth({
          getUploadAuth: (task) => appServer('createUploadVideo', task.name) as never,
          refreshUploadAuth: (task) => appServer('refreshUploadVideo', task.videoId) as never,
        })
  let uploader: Uploader | undefined
  uploader = createUploader(
    [
      browserTransport(),
      ossTarget(),
      retry({ retries: 2, minTimeout: 10, maxTimeout: 50 }),
      credentials,
      afterPartPlugin(options, () => uploader as Uploader),
    ],
    {
      ...(options.partSize ? { partSize: options.partSize } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    },
  )
  uploader.hooks.progress.tap('test', (_file, progress) => record.percents.push(progress.percent))
  uploader.hooks.partUploaded.tap('test', (_file, part) => record.partsAcknowledged.push(part.n))
  uploader.hooks.stateChanged.tap('test', (task) => record.states.push(task.state))
  uploader.hooks.warning.tap('test', (error) => record.warnings.push(error.code))
  const stopped = new Promise<undefined>((resolve) =>
    uploader?.hooks.fileStopped.tap('test', (task) => {
      record.stopped = { videoId: task.videoId }
      resolve(undefined)
    }),
  )
  try {
    const result = await Promise.race([uploader.upload(file), stopped])
    if (!result) return record
    record.result = {
      videoId: result.videoId,
      objectKey: result.objectKey,
      crc64: result.crc64,
      partsSent: result.partsSent,
    }
  } catch (error) {
    const { code, message, retryable } = error as {
      code: string
      message: string
      retryable: boolean
    }
    record.error = { code, message, retryable }
  } finally {
    await uploader.dispose()
  }
  return record
}
