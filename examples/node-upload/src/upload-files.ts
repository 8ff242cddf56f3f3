import { type UploadAuthAnswer, uploadAuth } from '@vodup/auth-uploadauth'
import { createUploader, type FileTask, type RunSummary, type Uploader } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'

/** Options of {@link createVodUploader}. */
export interface VodUploaderOptions {
  /** The app server that issues UploadAuth (`examples/app-server`). */
  appServerUrl: string
  /** Where checkpoints live, so an interrupted upload resumes. Default `~/.vodup/checkpoints`. */
  checkpointDir?: string
  /** Part size in bytes. Default the transport's (8 MiB). */
  partSize?: number
}

async function askAppServer(
  appServerUrl: string,
  body: Record<string, unknown>,
): Promise<UploadAuthAnswer> {
  const response = await fetch(`${appServerUrl}/upload-auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const answer = (await response.json()) as UploadAuthAnswer & { error?: { message: string } }
  if (!response.ok)
    throw new Error(`The app server refused: ${answer.error?.message ?? response.status}`)
  return answer
}

/**
 * An uploader for ApsaraVideo VOD in Node: files are read by range from disk, parts go to OSS with retries, and
 * credentials come from the app server (CreateUploadVideo for a new file, RefreshUploadVideo when they expire or
 * when a file resumes with its video id).
 */
export function createVodUploader(options: VodUploaderOptions): Uploader {
  const ask = (body: Record<string, unknown>) => askAppServer(options.appServerUrl, body)
  return createUploader(
    [
      nodeTransport({ checkpointDir: options.checkpointDir }),
      ossTarget(),
      uploadAuth({
        getUploadAuth: (file: FileTask) => ask({ fileName: file.name, title: file.name }),
        refreshUploadAuth: (file: FileTask) => ask({ videoId: file.videoId }),
      }),
      retry(),
    ],
    { partSize: options.partSize, concurrency: 4 },
  )
}

/** Adds the files and uploads them; resolves with what succeeded, failed or stopped. */
export function uploadFiles(uploader: Uploader, paths: readonly string[]): Promise<RunSummary> {
  for (const path of paths) uploader.addFile({ path })
  return uploader.start()
}
