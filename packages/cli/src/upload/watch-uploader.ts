import type { FileTask, UploadError, Uploader, UploadResult } from '@vodup/core'
import { objectUrl } from '@vodup/target-oss/internal'
import {
  type DestinationKind,
  type FileFailure,
  fileFailure,
  fileReport,
  type ShownFile,
} from '../output/file-report'
import type { Reporter } from '../output/reporter'

/** What a run counted while it watched the uploader. */
export interface RunTally {
  uploaded: number
  failed: number
  bytesUploaded: number
  failures: FileFailure[]
  /** Bytes sent in this run: each file's progress beyond what it had on the server when this run began with it. */
  bytesSent(): number
}

const NAME = 'vodup-cli'

/**
 * Taps the uploader's hooks and tells the reporter: starts, resumes (announced when they begin, from the first
 * checkpoint the file's run writes), progress, retries, warnings, log lines, results. `shown` names the kernel's
 * files as the command shows them; `onSucceeded` runs for each uploaded file (the record of finished uploads).
 */
export function watchUploader(
  uploader: Uploader,
  reporter: Reporter,
  destination: DestinationKind,
  shown: Map<string, ShownFile>,
  onSucceeded: (file: ShownFile, result: UploadResult) => void,
): RunTally {
  const baseline = new Map<string, number>()
  const loaded = new Map<string, number>()
  const announced = new Set<string>()
  const failures: FileFailure[] = []
  const tally: RunTally = {
    uploaded: 0,
    failed: 0,
    bytesUploaded: 0,
    failures,
    bytesSent() {
      let sent = 0
      for (const [id, bytes] of loaded) sent += bytes - (baseline.get(id) ?? 0)
      return sent
    },
  }
  const fileOf = (task: FileTask): ShownFile =>
    shown.get(task.id) ?? { name: task.name, path: task.key }
  const byId = (id: string | undefined) => (id === undefined ? undefined : shown.get(id))
  const { hooks } = uploader

  hooks.fileStarted.tap(NAME, (task) => {
    baseline.delete(task.id)
    announced.delete(task.id)
    reporter.started(fileOf(task), task.size ?? 0)
  })
  // The first checkpoint of a file's run holds the parts found on the server, before any new part is sent.
  hooks.checkpointSaved.tap(NAME, ({ file: task, checkpoint }) => {
    if (announced.has(task.id)) return
    announced.add(task.id)
    if (checkpoint.doneParts.length === 0) return
    let bytesDone = 0
    for (const part of checkpoint.doneParts) bytesDone += part.size
    reporter.resumed(fileOf(task), {
      partsDone: checkpoint.doneParts.length,
      partsTotal: Math.ceil(checkpoint.fileSize / checkpoint.partSize),
      bytesDone,
    })
  })
  hooks.progress.tap(NAME, (task, progress) => {
    if (!baseline.has(task.id)) baseline.set(task.id, progress.loaded)
    loaded.set(task.id, progress.loaded)
    reporter.progress(fileOf(task), progress)
  })
  hooks.retry.tap(NAME, (attempt) => {
    reporter.retry(byId(attempt.fileId), {
      operation: attempt.operation,
      ...(attempt.partNumber !== undefined ? { partNumber: attempt.partNumber } : {}),
      attempt: attempt.attempt,
      delayMs: attempt.delayMs,
      error: { code: attempt.error.code, message: attempt.error.message },
    })
  })
  hooks.warning.tap(NAME, (error: UploadError, task) => {
    reporter.warning(task ? fileOf(task) : undefined, { code: error.code, message: error.message })
  })
  hooks.log.tap(NAME, (record) => reporter.log(byId(record.fileId), record))
  hooks.fileSucceeded.tap(NAME, (task, result) => {
    const file = fileOf(task)
    tally.uploaded++
    tally.bytesUploaded += result.size
    const url = objectUrl({ endpoint: result.endpoint, bucket: result.bucket }, result.objectKey)
    onSucceeded(file, result)
    reporter.succeeded(fileReport(file, destination, result, url))
  })
  hooks.fileFailed.tap(NAME, (task, error) => {
    const failure = fileFailure(fileOf(task), error)
    tally.failed++
    failures.push(failure)
    reporter.failed(failure)
  })
  return tally
}
