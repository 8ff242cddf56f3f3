import type { FileTask, ProgressSnapshot } from '@vodup/core'
import type { FileFailure, FileReport } from './file-report'

/** How `vodup upload` shows what happens: bars on a terminal, lines in a log, JSON for machines. */
export interface Reporter {
  started(file: FileTask, size: number): void
  progress(file: FileTask, progress: ProgressSnapshot): void
  succeeded(report: FileReport): void
  failed(failure: FileFailure): void
  interrupted(): void
  finished(counts: { succeeded: number; failed: number }): void
}

/** Where a reporter writes. */
export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
}
