// CPU figures of a process from /proc. Kept apart from processes.mjs so that a measured runner loads no more than
// node:fs for them (its peak RSS is part of what it measures).
import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** CPU seconds a process has used so far (user + system), from /proc; undefined where there is no /proc. */
export function processCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
  } catch {
    return undefined
  }
}

/**
 * Seconds the main thread of a process spent runnable but waiting for its CPU (another thread or process had it),
 * from /proc/<pid>/schedstat; undefined where there is no /proc.
 */
export function processWaitSeconds(pid = 'self') {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9
  } catch {
    return undefined
  }
}

/** CPU seconds the main thread (the event loop) of this process has used so far; undefined where there is no /proc. */
export function mainThreadCpuSeconds() {
  return processCpuSeconds(`${process.pid}/task/${process.pid}`)
}
