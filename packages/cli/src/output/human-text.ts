import type { FileFailure, FileReport } from './file-report'
import { formatBytes } from './format'

const HINTS: Record<string, string> = {
  ACCESS_DENIED: 'Check the AccessKey id and secret, and that they may use VOD.',
  SIGNATURE_MISMATCH: 'Check the AccessKey secret.',
  TOKEN_EXPIRED:
    'The credentials expired: get fresh ones and run the same command again; the upload resumes.',
  NETWORK: 'Check that the endpoint is reachable, then run the same command again to resume.',
  TIMEOUT: 'The server did not answer in time; run the same command again to resume.',
  FILE_CHANGED: 'The file changed while it was uploading; run the command again to upload it anew.',
}

/** What a person reads for an uploaded file. */
export function successText(report: FileReport): string {
  const parts =
    report.partsSent + report.partsResumed > 0
      ? ` in ${report.partsSent + report.partsResumed} parts${report.partsResumed ? ` (${report.partsResumed} resumed)` : ''}`
      : ''
  const lines = [`✓ ${report.name}  ${formatBytes(report.size)} uploaded${parts}`]
  if (report.videoId) lines.push(`  VideoId  ${report.videoId}`)
  if (report.imageId) lines.push(`  ImageId  ${report.imageId}`)
  lines.push(`  Object   ${report.objectUrl}`)
  lines.push(`  Bucket   ${report.bucket}   Key ${report.objectKey}`)
  return lines.join('\n')
}

/** What a person reads for a file that failed. */
export function failureText(failure: FileFailure): string {
  const hint = HINTS[failure.error.code]
  return `✗ ${failure.name}: ${failure.error.message} [${failure.error.code}]${hint ? `\n  ${hint}` : ''}`
}

/** The closing line. */
export function summaryText(counts: { succeeded: number; failed: number }): string {
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`
  return counts.failed === 0
    ? `${files(counts.succeeded)} uploaded.`
    : `${files(counts.succeeded)} uploaded, ${files(counts.failed)} failed.`
}

/** Printed after Ctrl-C. */
export const INTERRUPTED_TEXT = 'Stopped. Run the same command again to continue where it stopped.'
