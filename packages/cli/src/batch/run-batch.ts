import { join } from 'node:path'
import {
  createUploader,
  type FileMeta,
  type PluginInput,
  type Transport,
  type UploadResult,
} from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { fileStore, nodeTransport } from '@vodup/transport-node'
import { EXIT_CODES } from '../exit-codes'
import type { Candidate } from '../files/collect-files'
import type { BatchSettings } from '../options/upload-options'
import type { DestinationKind, ShownFile } from '../output/file-report'
import type { BatchSummary, DestinationInfo, Reporter } from '../output/reporter'
import { type RunTally, watchUploader } from '../upload/watch-uploader'
import { type Batch, planBatch } from './batch-plan'
import { ensureStateDir } from './state-dir'
import { type UploadRecords, uploadRecords } from './upload-record'

/** What the run needs from its surroundings. */
export interface BatchEnvironment {
  reporter: Reporter
  cwd: string
  /** The paths as the user typed them, beside `settings.paths`. */
  named: string[]
  /** Subscribes to Ctrl-C; returns a function that unsubscribes. */
  onInterrupt(listener: () => void): () => void
}

/** Where a batch goes: what it takes, how finished uploads are recorded, and the plugins that authorize files. */
export interface BatchDestination {
  kind: DestinationKind
  info: DestinationInfo
  /** Whether the destination takes a file of this name. */
  accepts(name: string): boolean
  /** Why a name is not taken. */
  refusal: string
  /** Empty files are uploaded. */
  allowEmpty: boolean
  /** Directories never walked into (the built-in emulator's data). */
  skipDirs: string[]
  /** Requests go straight to the destination, never through `HTTPS_PROXY`/`HTTP_PROXY` (the built-in emulator). */
  direct: boolean
  /** The key a finished upload of `file` is recorded under; undefined keeps no record. */
  recordKey(file: Candidate): string | undefined
  /** Opens the destination (the built-in emulator starts here). */
  open(transport: Transport): Promise<OpenedDestination>
}

/** An open destination: the plugins that authorize its files and each file's metadata. */
export interface OpenedDestination {
  plugins: PluginInput[]
  meta(file: Candidate): FileMeta
  close(): Promise<void>
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
 * Runs a batch: finds the files (walking directories with `-r`), checks them, sets aside those already uploaded to
 * the same destination, then (unless `--dry-run`) opens the destination and uploads `jobs` files at once with
 * progress and resume, and returns the exit code. Ctrl-C stops the uploads with their checkpoints saved.
 */
export async function runBatch(
  settings: BatchSettings,
  destination: BatchDestination,
  environment: BatchEnvironment,
): Promise<number> {
  const startedAt = Date.now()
  const { reporter } = environment
  const { checkpointDir } = settings
  reporter.destination(destination.info)

  const concurrency = settings.concurrency ?? 4
  const transportPlugin = nodeTransport({
    ...(checkpointDir ? { checkpointDir } : {}),
    ...(destination.direct ? { proxy: false } : {}),
    ...(settings.limitRate !== undefined ? { limitRate: settings.limitRate } : {}),
    maxConcurrency: Math.max(DEFAULT_MAX_CONCURRENCY, concurrency * settings.jobs),
  })
  const { transport } = transportPlugin
  let records: UploadRecords | undefined
  // Once the files are checked: an unusable directory would otherwise turn resume off without a word.
  const openRecords = async () => {
    if (!checkpointDir) return undefined
    if (!settings.dryRun) await ensureStateDir(checkpointDir, 'The checkpoint directory')
    records = uploadRecords(fileStore(join(checkpointDir, RECORD_SUBDIR)))
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
        accepts: destination.accepts,
        refusal: destination.refusal,
        allowEmpty: destination.allowEmpty,
        skipDirs: [checkpointDir, ...destination.skipDirs].filter(
          (dir): dir is string => dir !== undefined,
        ),
        dryRun: settings.dryRun,
        force: settings.force,
      },
      transport,
      openRecords,
      destination.recordKey,
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

  const open = await destination.open(transport)
  const uploader = createUploader([transportPlugin, ossTarget(), retry(), ...open.plugins], {
    concurrency,
    fileConcurrency: settings.jobs,
    checkpoints: checkpointDir !== undefined,
    ...(settings.partSize !== undefined ? { partSize: settings.partSize } : {}),
  })
  const shown = new Map<string, ShownFile>()
  const candidates = new Map<string, Candidate>()
  const saving: Array<Promise<void>> = []
  const remember = (file: ShownFile, result: UploadResult) => {
    const candidate = candidates.get(file.path)
    const key = candidate && destination.recordKey(candidate)
    if (!records || !candidate || !key) return
    saving.push(
      records.save(candidate, key, result).catch((error: Error) =>
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
      const task = uploader.addFile({ path: file.path }, { meta: open.meta(file) })
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
