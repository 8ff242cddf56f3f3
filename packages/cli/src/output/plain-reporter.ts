import type { Verbosity } from '../options/upload-options'
import { formatBytes, formatEta, formatSpeed } from './format'
import {
  destinationText,
  failureText,
  ignoredText,
  interruptedText,
  logText,
  planText,
  resumeText,
  retryText,
  skippedText,
  successText,
  summaryText,
  warningText,
  wouldUploadText,
} from './human-text'
import type { OutputStreams, Reporter } from './reporter'

/** Progress lines are printed at each tenth of a file. */
const STEPS = 10
/** Left-out files named without --verbose. */
const IGNORED_SHOWN = 5

/**
 * Plain lines for logs and pipes: results and progress (a line when a file starts, at each 10 %, and when it ends)
 * on stdout; the destination, retries, warnings and failures on stderr. `quiet` keeps failures, warnings, the
 * emulator notice and the summary; `verbose` adds the kernel's log lines.
 */
export function plainReporter({ stdout, stderr }: OutputStreams, verbosity: Verbosity): Reporter {
  const out = (text: string) => stdout.write(`${text}\n`)
  const err = (text: string) => stderr.write(`${text}\n`)
  const quiet = verbosity === 'quiet'
  const lastStep = new Map<string, number>()
  return {
    destination(info) {
      if (!quiet || info.destination === 'emulator') err(destinationText(info))
    },
    plan(plan) {
      for (const line of ignoredText(plan, verbosity === 'verbose' ? Infinity : IGNORED_SHOWN))
        err(line)
      if (plan.dryRun) for (const file of plan.files) out(wouldUploadText(file))
      if (!quiet || plan.dryRun) out(planText(plan))
    },
    started(file, size) {
      lastStep.delete(file.path)
      if (!quiet) out(`${file.name}: uploading ${formatBytes(size)}`)
    },
    resumed(file, resume) {
      if (!quiet) out(resumeText(file, resume))
    },
    progress(file, progress) {
      if (quiet || progress.total === 0) return
      const step = Math.floor((progress.loaded / progress.total) * STEPS)
      // The first report of a resumed file holds the earlier run's bytes: the resume line says those.
      const last = lastStep.get(file.path)
      if (last === undefined) lastStep.set(file.path, step)
      if (last === undefined || step <= last || step >= STEPS) return
      lastStep.set(file.path, step)
      out(
        `${file.name}: ${step * STEPS}% (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}, ${formatSpeed(progress.speed)}, ETA ${formatEta(progress.etaSeconds)})`,
      )
    },
    retry(file, retry) {
      if (!quiet) err(retryText(file, retry))
    },
    warning(file, error) {
      err(warningText(file, error))
    },
    log(file, record) {
      if (verbosity === 'verbose') err(logText(file, record))
    },
    succeeded(report) {
      if (!quiet) out(successText(report))
    },
    skipped(report) {
      if (!quiet) out(skippedText(report))
    },
    failed(failure) {
      err(failureText(failure))
    },
    interrupted(resumable) {
      err(interruptedText(resumable))
    },
    finished(summary) {
      out(summaryText(summary))
    },
  }
}
