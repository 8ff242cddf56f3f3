import type { Transport } from '@vodup/core'
import { checkReadable } from '../files/check-files'
import { type Candidate, type CollectOptions, collectFiles } from '../files/collect-files'
import type { FileFailure, SkippedReport } from '../output/file-report'
import type { BatchPlan } from '../output/reporter'
import type { UploadRecords } from './upload-record'

/** A batch ready to run: the plan to show, the files to upload, and the problems that stop it. */
export interface Batch {
  plan: BatchPlan
  files: Candidate[]
  problems: FileFailure[]
}

/**
 * Finds the files named (walking directories with `-r`), checks each can be read, then (when there is no problem)
 * opens the record of finished uploads and sets aside the files an earlier run uploaded to the same destination
 * (unless `force`).
 */
export async function planBatch(
  named: Array<{ path: string; as: string }>,
  options: CollectOptions & { dryRun: boolean; force: boolean },
  transport: Transport,
  openRecords: () => Promise<UploadRecords | undefined>,
  recordKey: (file: Candidate) => string | undefined,
): Promise<Batch> {
  const collection = await collectFiles(named, options)
  const problems = [...collection.problems, ...(await checkReadable(transport, collection.files))]
  const files: Candidate[] = []
  const skipped: SkippedReport[] = []
  if (problems.length === 0) {
    const records = await openRecords()
    for (const file of collection.files) {
      const key = recordKey(file)
      const record = records && key && !options.force ? await records.find(file, key) : undefined
      if (!record) {
        files.push(file)
        continue
      }
      skipped.push({
        name: file.display,
        path: file.path,
        size: file.size,
        ...(record.videoId ? { videoId: record.videoId } : {}),
        ...(record.imageId ? { imageId: record.imageId } : {}),
        bucket: record.bucket,
        objectKey: record.objectKey,
        uploadedAt: record.uploadedAt,
      })
    }
  }
  return {
    plan: {
      files: files.map((file) => ({ name: file.display, path: file.path, size: file.size })),
      bytes: files.reduce((sum, file) => sum + file.size, 0),
      skipped,
      ignored: collection.ignored,
      dryRun: options.dryRun,
    },
    files,
    problems,
  }
}
