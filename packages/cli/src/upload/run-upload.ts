import { join } from 'node:path'
import { createUploader, type UploadResult } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { fileStore, nodeTransport } from '@vodup/transport-node'
import { type Batch, planBatch } from '../batch/batch-plan'
import { ensureStateDir } from '../batch/state-dir'
import { type UploadRecords, uploadRecords } from '../batch/upload-record'
import { EXIT_CODES } from '../exit-codes'
import type { Candidate } from '../files/collect-files'
import { isVodMedia } from '../files/media-extensions'
import type { UploadSettings } from '../options/upload-options'
import type { ShownFile } from '../output/file-report'
import type { BatchSummary, Reporter } from '../output/reporter'
import { vodAppServer } from '../vod/app-server'
import { destinationInfo, destinationKey, openDestination } from './destination'
import { type RunTally, watchUploader } from './watch-uploader'

/** What the upload run needs from its surroundings. */
export interface UploadEnvironment {
  reporter: Reporter
  cwd: string
  /** The paths as the user typed them, beside `settings.paths`. */
  named: string[]
  /** Subscribes to Ctrl-C; returns a function that unsubscribes. */
  onInterrupt(listener: () => void): () => void
}

const DEFAULT_MAX_CONCURRENCY = 16
/** The record of finished uploads lives beside the checkpoints. */
export const RECORD_SUBDIR = 'uploaded'

function summaryOf(
  batch: Batch,
  tally: Partial<RunTally>,
  startedAt: number,
  flags: { interrupted: boolean; dryRun: boolean },
): BatchSummary {
  const elapsedSeconds = (Date.now() - startedAt) / 1000
  const bytesSent = tally.bytesSent?.() ?? 0
  return {
    uploaded: tally.uploaded ?? 0,
    skipped: batch.plan.skipped.length,
    failed: tally.failed ?? 0,
    planned: batch.files.length,
    bytesUploaded: tally.bytesUploaded ?? 0,
    bytesSent,
    elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000,
    averageSpeed: elapsedSeconds > 0 ? Math.round(bytesSent / elapsedSeconds) : 0,
    failures: tally.failures ?? [],
    ...flags,
  }
}

/**
 * `vodup upload`: finds the files (walking directories with `-r`), checks them, sets aside those already uploaded
 * to the same destination, then (unless `--dry-run`) opens the destination (the built-in emulator or VOD) and
 * uploads `jobs` files at once with progress and resume, and returns the exit code. Ctrl-C stops the uploads with
 * their checkpoints saved.
 */
export async function runUpload(
  settings: UploadSettings,
  environment: UploadEnvironment,
): Promise<number> {
  const startedAt = Date.now()
  const { reporter } = environment
  const { destination, checkpointDir } = settings
  reporter.destination(destinationInfo(destination))

  const concurrency = settings.concurrency ?? 4
  const transportPlugin = nodeTransport({
    ...(checkpointDir ? { checkpointDir } : {}),
    maxConcurrency: Math.max(DEFAULT_MAX_CONCURRENCY, concurrency * settings.jobs),
  })
  const { transport } = transportPlugin
  const key = destinationKey(destination)
  let records: UploadRecords | undefined
  // Once the files are checked: an unusable directory would otherwise turn resume off without a word.
  const openRecords = async () => {
    if (!checkpointDir) return undefined
    if (!settings.dryRun) await ensureStateDir(checkpointDir, 'The checkpoint directory')
    if (key) records = uploadRecords(fileStore(join(checkpointDir, RECORD_SUBDIR)), key)
    return records
  }
  let batch: Batch
  try {
    batch = await planBatch(
      settings.paths.map((path, index) => ({ path, as: environment.named[index] ?? path })),
      {
        recursive: settings.recursive,
        include: settings.include,
        exclude: settings.exclude,
        cwd: environment.cwd,
        accepts: isVodMedia,
        refusal: 'VOD does not take this type of file',
        skipDirs: [
          checkpointDir,
          destination.kind === 'emulator' ? destination.dataDir : undefined,
        ].filter((dir): dir is string => dir !== undefined),
        dryRun: settings.dryRun,
        force: settings.force,
      },
      transport,
      openRecords,
    )
  } catch (error) {
    await transportPlugin.close()
    throw error
  }
  if (batch.problems.length > 0) {
    for (const problem of batch.problems) reporter.failed(problem)
    await transportPlugin.close()
    return EXIT_CODES.usage
  }
  reporter.plan(batch.plan)
  for (const skipped of batch.plan.skipped) reporter.skipped(skipped)
  if (settings.dryRun || batch.files.length === 0) {
    await transportPlugin.close()
    reporter.finished(
      summaryOf(batch, {}, startedAt, { interrupted: false, dryRun: settings.dryRun }),
    )
    return EXIT_CODES.ok
  }

  const open = await openDestination(destination)
  const uploader = createUploader(
    [
      transportPlugin,
      ossTarget(),
      retry(),
      vodAppServer(open.account, (request) => transport.request(request)),
    ],
    {
      concurrency,
      fileConcurrency: settings.jobs,
      checkpoints: checkpointDir !== undefined,
      ...(settings.partSize !== undefined ? { partSize: settings.partSize } : {}),
    },
  )
  const shown = new Map<string, ShownFile>()
  const candidates = new Map<string, Candidate>()
  const saving: Array<Promise<void>> = []
  const remember = (file: ShownFile, result: UploadResult) => {
    const candidate = candidates.get(file.path)
    if (!records || !candidate) return
    saving.push(
      records.save(candidate, result).catch((error: Error) =>
        reporter.warning(file, {
          code: 'STORAGE_ERROR',
          message: `Could not record the finished upload, so a new run would upload it again: ${error.message}`,
        }),
      ),
    )
  }
  const tally = watchUploader(uploader, reporter, destination.kind, shown, remember)
  let interrupted = false
  const unsubscribe = environment.onInterrupt(() => {
    interrupted = true
    reporter.interrupted(checkpointDir !== undefined)
    void uploader.stop()
  })
  try {
    for (const file of batch.files) {
      candidates.set(file.path, file)
      const task = uploader.addFile({ path: file.path }, { meta: { vod: { ...settings.vod } } })
      shown.set(task.id, { name: file.display, path: file.path })
    }
    await uploader.start()
  } finally {
    unsubscribe()
    await uploader.dispose()
    await open.close()
    await Promise.all(saving)
  }
  reporter.finished(summaryOf(batch, tally, startedAt, { interrupted, dryRun: false }))
  if (interrupted) return EXIT_CODES.interrupted
  return tally.failed > 0 ? EXIT_CODES.uploadFailed : EXIT_CODES.ok
}
