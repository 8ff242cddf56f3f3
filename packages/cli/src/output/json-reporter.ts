import { destinationText } from './human-text'
import type { OutputStreams, Reporter } from './reporter'

/**
 * `--json`: one JSON object per line on stdout, each with a `type`: `destination`, `plan` (the files to upload, skipped and left out),
 * `skipped`, `resume`, `retry`, `warning`, `uploaded`, `failed`, `interrupted`, `log` (with --verbose), and last
 * `summary`. Nothing else is printed on stdout (runs to the built-in emulator also say so on stderr); no object
 * holds a secret.
 */
export function jsonReporter({ stdout, stderr }: OutputStreams, verbose: boolean): Reporter {
  const line = (type: string, value: object) =>
    stdout.write(`${JSON.stringify({ type, ...value })}\n`)
  return {
    destination(info) {
      // Loud on stderr too: a person reading a log must not take emulator runs for real uploads.
      if (info.destination === 'emulator') stderr.write(`${destinationText(info)}\n`)
      line('destination', info)
    },
    plan: (plan) => line('plan', plan),
    started() {},
    resumed: (file, resume) => line('resume', { ...file, ...resume }),
    progress() {},
    retry: (file, retry) => line('retry', { ...file, ...retry }),
    warning: (file, error) => line('warning', { ...file, error }),
    log(file, record) {
      if (verbose) line('log', { ...file, level: record.level, message: record.message })
    },
    succeeded: (report) => line('uploaded', report),
    skipped: (report) => line('skipped', report),
    failed: (failure) => line('failed', failure),
    interrupted(resumable) {
      line('interrupted', {
        resumable,
        error: {
          code: 'ABORTED',
          message: resumable
            ? 'Interrupted; run the same command again to resume.'
            : 'Interrupted; the keyless emulator keeps nothing.',
        },
      })
    },
    finished: (summary) => line('summary', summary),
  }
}
