import { createUploader, type FileTask, type Uploader } from '@vodup/core'
import { retry } from '@vodup/retry'
import { objectUrl, ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { EXIT_CODES } from '../exit-codes'
import type { UploadSettings } from '../options/upload-options'
import { fileFailure, fileReport } from '../output/file-report'
import type { Reporter } from '../output/reporter'
import { vodAppServer } from '../vod/app-server'
import { checkFiles } from './check-files'
import { openDestination } from './destination'

/** What the upload run needs from its surroundings. */
export interface UploadEnvironment {
  /** Builds the reporter once the files and their sizes are known. */
  reporter(sizes: { total: number; names: string[] }): Reporter
  /** Subscribes to Ctrl-C; returns a function that unsubscribes. */
  onInterrupt(listener: () => void): () => void
}

const DEFAULT_MAX_CONCURRENCY = 16

function vodMeta(settings: UploadSettings) {
  const vod: Record<string, string> = {}
  if (settings.title) vod.Title = settings.title
  if (settings.cateId) vod.CateId = settings.cateId
  return Object.keys(vod).length > 0 ? { vod } : {}
}

function watch(uploader: Uploader, reporter: Reporter) {
  const counts = { succeeded: 0, failed: 0 }
  const name = 'vodup-cli'
  // The kernel knows the size once the file is open, before fileStarted.
  uploader.hooks.fileStarted.tap(name, (file: FileTask) => reporter.started(file, file.size ?? 0))
  uploader.hooks.progress.tap(name, (file, progress) => reporter.progress(file, progress))
  uploader.hooks.fileSucceeded.tap(name, (file, result) => {
    counts.succeeded++
    const url = objectUrl({ endpoint: result.endpoint, bucket: result.bucket }, result.objectKey)
    reporter.succeeded(fileReport(file, result, url))
  })
  uploader.hooks.fileFailed.tap(name, (file, error) => {
    counts.failed++
    reporter.failed(fileFailure(file, error))
  })
  return counts
}

/**
 * `vodup upload`: checks the files, opens the destination (the built-in emulator or VOD), uploads with progress
 * and resume, and returns the exit code. Ctrl-C stops the uploads with their checkpoints saved.
 */
export async function runUpload(
  settings: UploadSettings,
  environment: UploadEnvironment,
): Promise<number> {
  const transportPlugin = nodeTransport({
    checkpointDir: settings.checkpointDir,
    maxConcurrency: Math.max(DEFAULT_MAX_CONCURRENCY, settings.concurrency ?? 0),
  })
  const { transport } = transportPlugin
  const { files, problems } = await checkFiles(transport, settings.files)
  const names = files.map((file) => transport.identify(file.path).name)
  const reporter = environment.reporter({
    total: files.reduce((sum, file) => sum + file.size, 0),
    names,
  })
  if (problems.length > 0) {
    for (const problem of problems) reporter.failed(problem)
    await transportPlugin.close()
    return EXIT_CODES.usage
  }

  const destination = await openDestination(settings.destination)
  const uploader = createUploader(
    [
      transportPlugin,
      ossTarget(),
      retry(),
      vodAppServer(destination.account, (request) => transport.request(request)),
    ],
    {
      ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
      ...(settings.partSize !== undefined ? { partSize: settings.partSize } : {}),
    },
  )
  const counts = watch(uploader, reporter)
  let interrupted = false
  const unsubscribe = environment.onInterrupt(() => {
    interrupted = true
    reporter.interrupted()
    void uploader.stop()
  })
  try {
    for (const file of files) uploader.addFile({ path: file.path }, { meta: vodMeta(settings) })
    await uploader.start()
  } finally {
    unsubscribe()
    await uploader.dispose()
    await destination.close()
  }
  if (interrupted) return EXIT_CODES.interrupted
  reporter.finished(counts)
  return counts.failed > 0 ? EXIT_CODES.uploadFailed : EXIT_CODES.ok
}
