import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'

/** Peak and current resident memory of one process, in bytes, from /proc (Linux). */
function residentMemory(pid: number): { peak: number; current: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
    return { peak: kib('VmHWM') * 1024, current: kib('VmRSS') * 1024 }
  } catch {
    return undefined
  }
}

/** The process ids of the browser's renderers (the processes that run pages), through the DevTools protocol. */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const session = await browser.newBrowserCDPSession()
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: Array<{ type: string; id: number }>
    }
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id)
  } finally {
    await session.detach()
  }
}

/** The highest peak resident memory (VmHWM) among the given processes, in bytes. */
export function peakResident(pids: number[]): number {
  return Math.max(0, ...pids.map((pid) => residentMemory(pid)?.peak ?? 0))
}

/** The highest current resident memory (VmRSS) among the given processes, in bytes. */
export function currentResident(pids: number[]): number {
  return Math.max(0, ...pids.map((pid) => residentMemory(pid)?.current ?? 0))
}
