// Formats the benchmark's figures.

const MiB = 1024 * 1024

/** One table row. */
export function row(label, figures, serverCpuSeconds) {
  const cells = [
    label.padEnd(30),
    `${figures.mbPerSecond.toFixed(1)} MB/s`.padStart(12),
    `${figures.seconds.toFixed(2)} s`.padStart(10),
    `${figures.cpuSeconds.toFixed(2)} s`.padStart(10),
    `${(figures.peakRssBytes / MiB).toFixed(1)} MiB`.padStart(12),
    serverCpuSeconds === undefined ? '' : `${serverCpuSeconds.toFixed(2)} s`.padStart(12),
  ]
  return cells.join('  ')
}

/** The table header. */
export function header() {
  return [
    'run'.padEnd(30),
    'throughput'.padStart(12),
    'wall'.padStart(10),
    'client CPU'.padStart(10),
    'peak RSS'.padStart(12),
    'server CPU'.padStart(12),
  ].join('  ')
}

/** `ratio` with its target, e.g. `1.62× (target ≥ 1.5×): met`. */
export function verdict(value, target, higherIsBetter, unit = '×') {
  const met = higherIsBetter ? value >= target : value <= target
  return `${value.toFixed(2)}${unit} (target ${higherIsBetter ? '≥' : '≤'} ${target}${unit}): ${met ? 'met' : 'NOT met'}`
}
