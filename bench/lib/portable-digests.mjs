// Issue 18's digest figures: the mini program's portable CRC-64 (it also re-verifies resumed parts) and MD5 (where
// MD5 is still the proof), each in its own child process on one core, inside the no-codegen sandbox.
import { runChild } from './processes.mjs'

/** The speeds issue 18 asks of each (MB/s = 10^6 bytes per CPU second, one core). */
export const PORTABLE_DIGEST_TARGETS = { crc64: 300, md5: 150 }

const runner = new URL('../runners/portable-digest.mjs', import.meta.url)

/** Measures both digests; returns the lines to print. */
export async function portableDigestLines({ cpu } = {}) {
  const lines = []
  for (const [digest, target] of Object.entries(PORTABLE_DIGEST_TARGETS)) {
    const figures = await runChild(runner, { digest }, { cpu })
    const verdict = figures.medianMbPerCpuSecond >= target ? 'meets' : 'MISSES'
    lines.push(
      `portable ${digest === 'crc64' ? 'CRC-64' : 'MD5'} (mini-program sandbox, no codegen, one core): median ${figures.medianMbPerCpuSecond.toFixed(0)} MB/s, best ${figures.bestMbPerCpuSecond.toFixed(0)} MB/s of ${figures.repetitions} × ${figures.bytes / 1048576} MiB (CPU time); target ≥ ${target} MB/s: ${verdict}; load average ${figures.loadAverage.toFixed(2)}`,
    )
  }
  return lines
}
