// Measures the process it runs in: wall time of the upload, CPU seconds, time spent waiting for a CPU and peak
// resident memory.
import { mainThreadCpuSeconds, processWaitSeconds } from './proc.mjs'

/** Starts measuring; `finish()` returns the figures of the work done since. */
export function measure() {
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const waitBefore = processWaitSeconds()
  const mainBefore = mainThreadCpuSeconds()
  return {
    finish(bytes) {
      const seconds = (performance.now() - started) / 1000
      const cpu = process.cpuUsage(cpuBefore)
      const waitAfter = processWaitSeconds()
      const mainAfter = mainThreadCpuSeconds()
      return {
        bytes,
        seconds,
        mbPerSecond: bytes / 1e6 / seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        userSeconds: cpu.user / 1e6,
        systemSeconds: cpu.system / 1e6,
        waitSeconds: waitAfter === undefined ? undefined : waitAfter - waitBefore,
        // The event loop's share (the rest: libuv's file and checkpoint I/O, V8's compiler and GC, hashing threads).
        mainThreadCpuSeconds: mainAfter === undefined ? undefined : mainAfter - mainBefore,
        // The kernel's high-water mark of the process (KiB): exact, including peaks no sampling would catch.
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
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
