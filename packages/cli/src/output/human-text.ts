import type { LogRecord } from '@vodup/core'
import type { FileFailure, FileReport, ShownFile, SkippedReport } from './file-report'
import { formatBytes, formatEta, formatSpeed } from './format'
import type { BatchPlan, BatchSummary, DestinationInfo, ResumeInfo, RetryInfo } from './reporter'

const HINTS: Record<string, string> = {
  ACCESS_DENIED: 'Check the AccessKey id and secret, and that they may use VOD.',
  SIGNATURE_MISMATCH: 'Check the AccessKey secret.',
  TOKEN_EXPIRED:
    'The credentials expired: get fresh ones and run the same command again; the upload resumes.',
  NETWORK: 'Check that the endpoint is reachable, then run the same command again to resume.',
  TIMEOUT: 'The server did not answer in time; run the same command again to resume.',
  FILE_CHANGED: 'The file changed while it was uploading; run the command again to upload it anew.',
}

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`

/** The announcement of where files go; for the built-in emulator, loud on purpose. */
export function destinationText(info: DestinationInfo): string {
  if (info.destination === 'emulator') {
    const kept = info.dataDir
      ? `its data is kept in ${info.dataDir}`
      : 'nothing is kept after the command ends (--emulator-data DIR keeps it)'
    return [
      `vodup: NO KEYS GIVEN: files go to a local emulator inside this command${info.endpoint ? ` (${info.endpoint})` : ''}, NOT to ApsaraVideo VOD.`,
      `vodup: Nothing leaves this machine; ${kept}.`,
      'vodup: To upload to VOD, give keys: --profile NAME, --access-key-id and --access-key-secret, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; and --region.',
    ].join('\n')
  }
  const service = info.destination === 'vod' ? 'VOD' : 'OSS'
  return `vodup: uploading to ${service}${info.region ? ` in ${info.region}` : ''} (${info.endpoint ?? '?'})${info.credentialSource ? ` with keys from ${info.credentialSource}` : ''}.`
}

/** How many files of the plan go, and how many were set aside. */
export function planText(plan: BatchPlan): string {
  const skipped =
    plan.skipped.length > 0 ? `; ${files(plan.skipped.length)} already uploaded, skipped` : ''
  if (plan.dryRun) {
    return `Dry run: ${files(plan.files.length)} (${formatBytes(plan.bytes)}) would be uploaded${skipped}. Nothing was sent.`
  }
  return plan.files.length === 0
    ? `Nothing to upload${skipped}.`
    : `Uploading ${files(plan.files.length)} (${formatBytes(plan.bytes)})${skipped}.`
}

/** Files found in directories and left out, at most `limit` named. */
export function ignoredText(plan: BatchPlan, limit: number): string[] {
  const lines = plan.ignored
    .slice(0, limit)
    .map((file) => `  left out ${file.display}: ${file.reason}`)
  if (plan.ignored.length > limit) {
    lines.push(`  and ${plan.ignored.length - limit} more (--verbose lists them)`)
  }
  return lines.length > 0
    ? [`vodup: ${files(plan.ignored.length)} found in directories left out:`, ...lines]
    : []
}

/** What a dry run lists for a file it would upload. */
export function wouldUploadText(file: ShownFile & { size: number }): string {
  return `  would upload  ${file.name}  ${formatBytes(file.size)}`
}

/** What a person reads for a file an earlier run uploaded. */
export function skippedText(report: SkippedReport): string {
  const id = report.videoId
    ? `VideoId ${report.videoId}`
    : report.imageId
      ? `ImageId ${report.imageId}`
      : `${report.bucket}/${report.objectKey}`
  return `- ${report.name}: already uploaded (${id}, ${report.uploadedAt}); skipped (--force uploads it again)`
}

/** Said when an upload continues where an earlier run stopped. */
export function resumeText(file: ShownFile, resume: ResumeInfo): string {
  return `${file.name}: resuming: ${resume.partsDone} of ${resume.partsTotal} parts already on the server (${formatBytes(resume.bytesDone)})`
}

/** A retry, as a line on stderr. */
export function retryText(file: ShownFile | undefined, retry: RetryInfo): string {
  const what = `${retry.operation}${retry.partNumber !== undefined ? ` part ${retry.partNumber}` : ''}`
  return `↻ ${file ? `${file.name}: ` : ''}${what} failed (${retry.error.code}: ${retry.error.message}); retry ${retry.attempt} in ${(retry.delayMs / 1000).toFixed(1)}s`
}

/** A warning: something failed that did not stop the upload. */
export function warningText(
  file: ShownFile | undefined,
  error: { code: string; message: string },
): string {
  return `⚠ ${file ? `${file.name}: ` : ''}${error.message} [${error.code}]`
}

/** A kernel log line (with --verbose). */
export function logText(file: ShownFile | undefined, record: LogRecord): string {
  return `· ${record.level} ${file ? `${file.name}: ` : ''}${record.message}`
}

/** What a person reads for an uploaded file. */
export function successText(report: FileReport): string {
  const parts =
    report.partsSent + report.partsResumed > 0
      ? ` in ${report.partsSent + report.partsResumed} parts${report.partsResumed ? ` (${report.partsResumed} resumed)` : ''}`
      : ''
  const where = report.destination === 'emulator' ? ' to the local emulator' : ''
  const lines = [`✓ ${report.name}  ${formatBytes(report.size)} uploaded${where}${parts}`]
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

/** The closing account: counts, bytes, time, speed, and the failures with their codes. */
export function summaryText(summary: BatchSummary): string {
  const counts = [
    `${summary.uploaded} uploaded`,
    `${summary.skipped} skipped`,
    `${summary.failed} failed`,
  ]
  if (summary.interrupted)
    counts.push(`${summary.planned - summary.uploaded - summary.failed} not finished`)
  const lines = [
    `Summary: ${counts.join(', ')} · ${formatBytes(summary.bytesSent)} sent in ${formatEta(summary.elapsedSeconds)} (${formatSpeed(summary.averageSpeed)})`,
  ]
  if (summary.failures.length > 0) {
    lines.push('Failed:')
    for (const failure of summary.failures) {
      lines.push(`  ✗ ${failure.name} [${failure.error.code}] ${failure.error.message}`)
    }
  }
  return lines.join('\n')
}

/** Printed after Ctrl-C. */
export function interruptedText(resumable: boolean): string {
  return resumable
    ? 'Stopped. Run the same command again to continue where it stopped.'
    : 'Stopped. The keyless emulator (without `--emulator-data`) keeps nothing, so a new run starts over (--emulator-data DIR keeps uploads between runs).'
}
