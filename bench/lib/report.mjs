// Formats the benchmark's figures: one line per run, then medians and spreads per kind of run.

const MiB = 1024 * 1024
const GiB = 1024 * MiB

/** Per GiB of upload: CPU seconds normalised by the bytes moved. */
const perGiB = (seconds, bytes) => (seconds / bytes) * GiB

/** The median of numbers (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

const cells = (values, widths) =>
  values.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i])))

/** CPU seconds over wall seconds: how busy a process kept its core during the upload. */
const busy = (cpuSeconds, seconds) => `${Math.round((cpuSeconds / seconds) * 100)} %`

const RUN_WIDTHS = [36, 11, 8, 11, 6, 11, 6, 13, 10]

/** The header of the per-run lines. */
export function runHeader() {
  return cells(
    [
      'run',
      'throughput',
      'wall',
      'client CPU',
      'busy',
      'server CPU',
      'busy',
      'CPU wait c/s',
      'peak RSS',
    ],
    RUN_WIDTHS,
  ).join('  ')
}

const seconds = (value) => (value === undefined ? '–' : value.toFixed(1))

/**
 * One measured run: throughput, CPU seconds and how busy each side was, the seconds each side was runnable but
 * waited for a CPU (other processes had it), the client's peak RSS.
 */
export function runLine(label, figures) {
  const server = figures.serverCpuSeconds
  return cells(
    [
      label,
      `${figures.mbPerSecond.toFixed(1)} MB/s`,
      `${figures.seconds.toFixed(2)} s`,
      `${figures.cpuSeconds.toFixed(2)} s`,
      busy(figures.cpuSeconds, figures.seconds),
      server === undefined ? '–' : `${server.toFixed(2)} s`,
      server === undefined ? '–' : busy(server, figures.seconds),
      `${seconds(figures.waitSeconds)} / ${seconds(figures.serverWaitSeconds)}`,
      `${(figures.peakRssBytes / MiB).toFixed(1)} MiB`,
    ],
    RUN_WIDTHS,
  ).join('  ')
}

const SUMMARY_WIDTHS = [36, 2, 22, 10, 6, 10, 6, 13, 10]

/** The header of the summary. */
export function summaryHeader() {
  return cells(
    [
      'median of runs',
      'n',
      'throughput (min–max)',
      'client/GiB',
      'busy',
      'server/GiB',
      'busy',
      'CPU wait c/s',
      'peak RSS',
    ],
    SUMMARY_WIDTHS,
  ).join('  ')
}

/**
 * Medians of a kind of run (throughput with its spread, CPU seconds per GiB and how busy each side was) and the
 * highest peak RSS.
 */
export function summarize(runs) {
  const rates = runs.map((r) => r.mbPerSecond)
  const servers = runs.filter((r) => r.serverCpuSeconds !== undefined)
  const medianOf = (list, value) => (list.length > 0 ? median(list.map(value)) : undefined)
  return {
    count: runs.length,
    mbPerSecond: median(rates),
    minMbPerSecond: Math.min(...rates),
    maxMbPerSecond: Math.max(...rates),
    clientCpuPerGiB: medianOf(runs, (r) => perGiB(r.cpuSeconds, r.bytes)),
    clientBusy: medianOf(runs, (r) => r.cpuSeconds / r.seconds),
    mainThreadCpuPerGiB: medianOf(
      runs.filter((r) => r.mainThreadCpuSeconds !== undefined),
      (r) => perGiB(r.mainThreadCpuSeconds, r.bytes),
    ),
    serverCpuPerGiB: medianOf(servers, (r) => perGiB(r.serverCpuSeconds, r.bytes)),
    serverBusy: medianOf(servers, (r) => r.serverCpuSeconds / r.seconds),
    clientWait: medianOf(
      runs.filter((r) => r.waitSeconds !== undefined),
      (r) => r.waitSeconds,
    ),
    serverWait: medianOf(
      runs.filter((r) => r.serverWaitSeconds !== undefined),
      (r) => r.serverWaitSeconds,
    ),
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    seconds: median(runs.map((r) => r.seconds)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    requests: medianOf(
      runs.filter((r) => r.requests !== undefined),
      (r) => r.requests,
    ),
    files: runs[0].files,
  }
}

/** The small-files figures of one client: wall time, requests, CPU per file (medians). */
export function smallFilesLine(client, summary) {
  const perFile = (value) => value / summary.files
  return `small files, ${client}: ${summary.files} files in ${summary.seconds.toFixed(2)} s (${(summary.files / summary.seconds).toFixed(0)} files/s), ${summary.requests ?? '?'} requests (${summary.requests === undefined ? '?' : perFile(summary.requests).toFixed(2)} per file), ${(perFile(summary.cpuSeconds) * 1000).toFixed(2)} ms CPU per file`
}

const percent = (share) => (share === undefined ? '–' : `${Math.round(share * 100)} %`)

/** One summary line. */
export function summaryLine(label, summary) {
  return cells(
    [
      label,
      String(summary.count),
      `${summary.mbPerSecond.toFixed(1)} (${summary.minMbPerSecond.toFixed(0)}–${summary.maxMbPerSecond.toFixed(0)}) MB/s`,
      `${summary.clientCpuPerGiB.toFixed(2)} s`,
      percent(summary.clientBusy),
      summary.serverCpuPerGiB === undefined ? '–' : `${summary.serverCpuPerGiB.toFixed(2)} s`,
      percent(summary.serverBusy),
      `${seconds(summary.clientWait)} / ${seconds(summary.serverWait)}`,
      `${(summary.peakRssBytes / MiB).toFixed(1)} MiB`,
    ],
    SUMMARY_WIDTHS,
  ).join('  ')
}

/** `value` with its target, e.g. `1.62× (target ≥ 1.5×): met`. */
export function verdict(value, target, higherIsBetter, unit = '×') {
  const met = higherIsBetter ? value >= target : value <= target
  return `${value.toFixed(2)}${unit} (target ${higherIsBetter ? '≥' : '≤'} ${target}${unit}): ${met ? 'met' : 'NOT met'}`
}
