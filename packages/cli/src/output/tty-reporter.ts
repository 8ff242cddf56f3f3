import cliProgress from 'cli-progress'
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

const FORMAT = ' {name} |{bar}| {percentage}% | {done} of {size} | {speed} | ETA {eta_text}'
const IGNORED_SHOWN = 5

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

/**
 * Progress bars on a terminal: one per file uploading (a finished file's bar goes when the next one starts) and
 * one for all files (bytes, speed and ETA of this run's bytes: parts an earlier run sent count as done, not as
 * speed). Results, retries and warnings appear above the bars as files finish.
 */
export function ttyReporter(streams: OutputStreams, verbosity: Verbosity): Reporter {
  const { stdout, stderr } = streams
  const quiet = verbosity === 'quiet'
  let bars: cliProgress.MultiBar | undefined
  let total: cliProgress.SingleBar | undefined
  let totalBytes = 0
  let width = 'total'.length
  let started = Date.now()
  const loaded = new Map<string, number>()
  /** Bytes each file had on the server when this run began with it. */
  const baseline = new Map<string, number>()
  const fileBars = new Map<string, cliProgress.SingleBar>()
  const pad = (name: string) => name.padEnd(width)
  // Text written between redraws can be lost: results wait below the bars; notices go above them.
  const results: string[] = []
  const notice = (text: string) => {
    if (bars && !stderr.isTTY) stderr.write(`${text}\n`)
    else if (bars) bars.log(`${text}\n`)
    else stderr.write(`${text}\n`)
  }
  const updateTotal = () => {
    if (!total) return
    let done = 0
    let sent = 0
    for (const [path, bytes] of loaded) {
      done += bytes
      sent += bytes - (baseline.get(path) ?? 0)
    }
    const seconds = (Date.now() - started) / 1000
    const speed = seconds > 0 ? sent / seconds : 0
    const eta = speed > 0 ? (totalBytes - done) / speed : undefined
    total.update(done, payload(pad('total'), done, totalBytes, speed, eta))
  }
  // A finished file's bar goes when the next file starts (a batch of thousands keeps a screenful of bars); its
  // result is printed above the bars, or below them once they stopped.
  const finished = new Set<string>()
  const sweep = () => {
    for (const path of finished) {
      const bar = fileBars.get(path)
      if (bar && bars) bars.remove(bar)
      fileBars.delete(path)
    }
    finished.clear()
  }
  const finish = (path: string, text: string | undefined) => {
    finished.add(path)
    if (text === undefined) return
    if (bars && !stopped) bars.log(`${text}\n`)
    else results.push(text)
  }
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    // A last redraw writes out the lines logged since the previous one (stop alone would drop them).
    bars?.update()
    bars?.stop()
    for (const text of results) stdout.write(`${text}\n`)
  }
  const open = () => {
    bars = new cliProgress.MultiBar(
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
    total = bars.create(Math.max(totalBytes, 1), 0, payload(pad('total'), 0, totalBytes, 0))
  }
  return {
    destination(info) {
      if (!quiet || info.destination === 'emulator') stderr.write(`${destinationText(info)}\n`)
    },
    plan(plan) {
      for (const line of ignoredText(plan, verbosity === 'verbose' ? Infinity : IGNORED_SHOWN)) {
        stderr.write(`${line}\n`)
      }
      if (plan.dryRun) for (const file of plan.files) stdout.write(`${wouldUploadText(file)}\n`)
      if (!quiet || plan.dryRun) stdout.write(`${planText(plan)}\n`)
      if (!quiet && !plan.dryRun) {
        for (const skipped of plan.skipped) stdout.write(`${skippedText(skipped)}\n`)
      }
      totalBytes = plan.bytes
      width = Math.max(width, ...plan.files.map((file) => file.name.length))
      started = Date.now()
      if (!quiet && !plan.dryRun && plan.files.length > 0) open()
    },
    started(file, size) {
      sweep()
      loaded.set(file.path, 0)
      if (bars)
        fileBars.set(
          file.path,
          bars.create(Math.max(size, 1), 0, payload(pad(file.name), 0, size, 0)),
        )
    },
    resumed(file, resume) {
      if (!quiet) notice(resumeText(file, resume))
    },
    progress(file, progress) {
      if (!baseline.has(file.path)) baseline.set(file.path, progress.loaded)
      loaded.set(file.path, progress.loaded)
      fileBars
        .get(file.path)
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
    retry(file, retry) {
      if (!quiet) notice(retryText(file, retry))
    },
    warning(file, error) {
      notice(warningText(file, error))
    },
    log(file, record) {
      if (verbosity === 'verbose') notice(logText(file, record))
    },
    succeeded(report) {
      finish(report.path, quiet ? undefined : successText(report))
    },
    // Skipped files are listed with the plan, before the bars.
    skipped() {},
    failed(failure) {
      if (bars && !stopped) finish(failure.path, failureText(failure))
      else stderr.write(`${failureText(failure)}\n`)
    },
    interrupted(resumable) {
      stop()
      stderr.write(`${interruptedText(resumable)}\n`)
    },
    finished(summary) {
      updateTotal()
      stop()
      stdout.write(`${summaryText(summary)}\n`)
    },
  }
}
