// Measures the process it runs in: wall time of the upload, CPU seconds and peak resident memory.

/** Starts measuring; `finish()` returns the figures of the work done since. */
export function measure() {
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  let peakRss = process.memoryUsage.rss()
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  }, 20)
  return {
    finish(bytes) {
      clearInterval(sampler)
      const seconds = (performance.now() - started) / 1000
      const cpu = process.cpuUsage(cpuBefore)
      // maxRSS (KiB) is the kernel's high-water mark: it also catches peaks between two samples.
      const peakRssBytes = Math.max(peakRss, process.resourceUsage().maxRSS * 1024)
      return {
        bytes,
        seconds,
        mbPerSecond: bytes / 1e6 / seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssBytes,
      }
    },
  }
}

/** Reads the runner's arguments (one JSON argument) and prints its result as the last stdout line. */
export async function runner(work) {
  const args = JSON.parse(process.argv[2])
  const result = await work(args)
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
