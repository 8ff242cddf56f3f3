import type { LogRecord, ProgressSnapshot } from '@vodup/core'
import type { IgnoredFile } from '../files/collect-files'
import type {
  DestinationKind,
  FileFailure,
  FileReport,
  ShownFile,
  SkippedReport,
} from './file-report'

/** Where a run sends files, as announced before it starts. */
export interface DestinationInfo {
  destination: DestinationKind
  /** The endpoint, once known (the built-in emulator's port is chosen when it starts). */
  endpoint?: string
  region?: string
  /** Where the keys came from (never the keys). */
  credentialSource?: string
  /** The built-in emulator's data directory, when it keeps its data. */
  dataDir?: string
}

/** What a run will do, once the files are known and the finished ones set aside. */
export interface BatchPlan {
  files: Array<ShownFile & { size: number }>
  bytes: number
  skipped: SkippedReport[]
  ignored: IgnoredFile[]
  dryRun: boolean
}

/** A resumed upload: parts an earlier run left on the server. */
export interface ResumeInfo {
  partsDone: number
  partsTotal: number
  bytesDone: number
}

/** A retry about to happen. */
export interface RetryInfo {
  operation: string
  partNumber?: number
  /** The attempt that failed, from 1. */
  attempt: number
  delayMs: number
  error: { code: string; message: string }
}

/** The closing account of a run. */
export interface BatchSummary {
  uploaded: number
  skipped: number
  failed: number
  /** Files the run was to upload (skipped ones excluded). */
  planned: number
  /** Sizes of the files uploaded. */
  bytesUploaded: number
  /** Bytes sent in this run (parts an earlier run sent are not counted). */
  bytesSent: number
  elapsedSeconds: number
  /** `bytesSent` over the elapsed time, in bytes per second. */
  averageSpeed: number
  failures: FileFailure[]
  interrupted: boolean
  dryRun: boolean
}

/** How a run shows what happens: bars on a terminal, lines in a log, JSON for machines. */
export interface Reporter {
  destination(info: DestinationInfo): void
  plan(plan: BatchPlan): void
  started(file: ShownFile, size: number): void
  resumed(file: ShownFile, resume: ResumeInfo): void
  progress(file: ShownFile, progress: ProgressSnapshot): void
  retry(file: ShownFile | undefined, retry: RetryInfo): void
  warning(file: ShownFile | undefined, error: { code: string; message: string }): void
  /** Kernel log lines, with `--verbose`. */
  log(file: ShownFile | undefined, record: LogRecord): void
  succeeded(report: FileReport): void
  skipped(report: SkippedReport): void
  failed(failure: FileFailure): void
  /** Ctrl-C; `resumable` when checkpoints were kept. */
  interrupted(resumable: boolean): void
  finished(summary: BatchSummary): void
}

/** Where a reporter writes. */
export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}
