import { formatBytes, formatEta, formatSpeed } from './format'
import { failureText, INTERRUPTED_TEXT, successText, summaryText } from './human-text'
import type { OutputStreams, Reporter } from './reporter'

/** Progress lines are printed at each tenth of a file. */
const STEPS = 10

/** Plain lines for logs and pipes: a line when a file starts, at each 10 %, and when it ends. */
export function plainReporter({ stdout, stderr }: OutputStreams): Reporter {
  const lastStep = new Map<string, number>()
  return {
    started(file, size) {
      lastStep.set(file.id, 0)
      stdout.write(`${file.name}: uploading ${formatBytes(size)}\n`)
    },
    progress(file, progress) {
      if (progress.total === 0) return
      const step = Math.floor((progress.loaded / progress.total) * STEPS)
      if (step <= (lastStep.get(file.id) ?? 0) || step >= STEPS) return
      lastStep.set(file.id, step)
      stdout.write(
        `${file.name}: ${step * STEPS}% (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}, ${formatSpeed(progress.speed)}, ETA ${formatEta(progress.etaSeconds)})\n`,
      )
    },
    succeeded(report) {
      stdout.write(`${successText(report)}\n`)
    },
    failed(failure) {
      stderr.write(`${failureText(failure)}\n`)
    },
    interrupted() {
      stderr.write(`${INTERRUPTED_TEXT}\n`)
    },
    finished(counts) {
      stdout.write(`${summaryText(counts)}\n`)
    },
  }
}
