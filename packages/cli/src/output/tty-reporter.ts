import cliProgress from 'cli-progress'
import { formatBytes, formatEta, formatSpeed } from './format'
import { failureText, INTERRUPTED_TEXT, successText, summaryText } from './human-text'
import type { OutputStreams, Reporter } from './reporter'

const FORMAT = ' {name} |{bar}| {percentage}% | {done} of {size} | {speed} | ETA {eta_text}'

interface Payload {
  name: string
  done: string
  size: string
  speed: string
  eta_text: string
}

function payload(
  name: string,
  loaded: number,
  total: number,
  speed: number,
  eta?: number,
): Payload {
  return {
    name,
    done: formatBytes(loaded),
    size: formatBytes(total),
    speed: formatSpeed(speed),
    eta_text: formatEta(eta),
  }
}

/** Progress bars on a terminal: one per file and one for all files (bytes, speed, ETA). */
export function ttyReporter(
  { stdout }: OutputStreams,
  totalBytes: number,
  names: string[],
): Reporter {
  const width = Math.max(...names.map((n) => n.length), 'total'.length)
  const pad = (name: string) => name.padEnd(width)
  const bars = new cliProgress.MultiBar(
    {
      format: FORMAT,
      stream: stdout,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 24,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  )
  const started = Date.now()
  const loadedByFile = new Map<string, number>()
  const fileBars = new Map<string, cliProgress.SingleBar>()
  const total = bars.create(Math.max(totalBytes, 1), 0, payload(pad('total'), 0, totalBytes, 0))
  const updateTotal = () => {
    let loaded = 0
    for (const value of loadedByFile.values()) loaded += value
    const seconds = (Date.now() - started) / 1000
    const speed = seconds > 0 ? loaded / seconds : 0
    const eta = speed > 0 ? (totalBytes - loaded) / speed : undefined
    total.update(loaded, payload(pad('total'), loaded, totalBytes, speed, eta))
  }
  // Results are printed below the bars once they stop: text logged between redraws can be lost.
  const results: string[] = []
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    bars.stop()
    for (const text of results) stdout.write(`${text}\n`)
  }
  return {
    started(file, size) {
      loadedByFile.set(file.id, 0)
      fileBars.set(file.id, bars.create(Math.max(size, 1), 0, payload(pad(file.name), 0, size, 0)))
    },
    progress(file, progress) {
      loadedByFile.set(file.id, progress.loaded)
      fileBars
        .get(file.id)
        ?.update(
          progress.loaded,
          payload(
            pad(file.name),
            progress.loaded,
            progress.total,
            progress.speed,
            progress.etaSeconds,
          ),
        )
      updateTotal()
    },
    succeeded(report) {
      results.push(successText(report))
    },
    failed(failure) {
      results.push(failureText(failure))
    },
    interrupted() {
      stop()
      stdout.write(`${INTERRUPTED_TEXT}\n`)
    },
    finished(counts) {
      updateTotal()
      stop()
      stdout.write(`${summaryText(counts)}\n`)
    },
  }
}
