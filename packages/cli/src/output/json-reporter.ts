import type { OutputStreams, Reporter } from './reporter'

/** `--json`: one JSON object per file on stdout (a result, or `{ name, path, error }`), nothing else. */
export function jsonReporter({ stdout }: OutputStreams): Reporter {
  const line = (value: unknown) => stdout.write(`${JSON.stringify(value)}\n`)
  return {
    started() {},
    progress() {},
    succeeded: line,
    failed: line,
    interrupted() {
      line({
        error: { code: 'ABORTED', message: 'Interrupted; run the same command again to resume.' },
      })
    },
    finished() {},
  }
}
