// `node bench/integrity.mjs`: what vodup's integrity costs its client, on the 1 GiB file (8 MiB parts, 4 in
// flight), each upload in its own process pinned apart from the server, as in run.mjs:
// 1. the hot path: client CPU seconds per GiB with CRC-64 as the one proof (the default) against MD5 and CRC-64 of
//    every byte (`integrity: 'both'`, what vodup did before), in alternated rounds;
// 2. proving a resume: an upload stops at 90 %; a new process resumes it, and before it sends anything it reads
//    every resumed part back from the file and compares its CRC-64 with the checkpoint's (local reads only).
// Never asserted; bench/README.md records the figures. Options: --rounds <n> (default 3), --fraction (0.9).
import { mkdir, rm } from 'node:fs/promises'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildDemoPackages } from '../scripts/demo-build.mjs'
import { ensureDenseFile } from './lib/files.mjs'
import { deleteObject } from './lib/objects.mjs'
import { loadAverage, pinning, runChild, startEmulatorProcess } from './lib/processes.mjs'

const MiB = 1024 * 1024
const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    fraction: { type: 'string', default: '0.9' },
  },
})
const ROUNDS = Math.max(1, Number.parseInt(flags.rounds, 10) || 3)
const FRACTION = Math.min(1, Math.max(0, Number(flags.fraction) || 0.9))
const root = new URL('../', import.meta.url)
const data = fileURLToPath(new URL('.bench-data/', root))
await mkdir(data, { recursive: true })
const log = (line) => console.log(line)

buildDemoPackages(fileURLToPath(root), (line) => log(`[bench] ${line}`))
const file = `${data}1GiB.bin`
await ensureDenseFile(file, 1024 * MiB)
const pins = pinning(true)
const server = await startEmulatorProcess(root, pins?.server)
const checkpointDir = `${data}checkpoints-resume`
await rm(checkpointDir, { recursive: true, force: true })
log(
  `[bench] ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadAverage() ?? '?'}; ` +
    `1 GiB stopped at ${Math.round(FRACTION * 100)} %, 8 MiB parts, 4 in flight; ${pins ? 'server on CPU 0, client on CPU 1' : 'not pinned'}`,
)
const common = {
  url: server.url,
  bucket: 'bench',
  key: 'resume/1GiB.bin',
  accessKeyId: server.accessKeyId,
  accessKeySecret: server.accessKeySecret,
  partSize: 8 * MiB,
  concurrency: 4,
  checkpointDir,
  path: file,
  fraction: FRACTION,
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const gib = (figures) => figures.cpuSeconds / (figures.bytes / 1024 ** 3)
try {
  // The server's first GiB of fresh memory costs it page faults; later runs reuse it (see run.mjs).
  log('[bench] warm-up upload (not measured)')
  await runChild(
    new URL('runners/vodup.mjs', import.meta.url),
    { ...common, key: 'warm-up.bin' },
    { cpu: pins?.client },
  )
  await deleteObject({ ...common, key: 'warm-up.bin', region: server.region })
  log(`\n[bench] the hot path: ${ROUNDS} rounds, order alternated`)
  const hot = { crc64: [], both: [] }
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? ['crc64', 'both'] : ['both', 'crc64']
    for (const integrity of order) {
      const figures = await runChild(
        new URL('runners/vodup.mjs', import.meta.url),
        { ...common, key: `hot/${integrity}.bin`, integrity },
        { cpu: pins?.client },
      )
      await deleteObject({ ...common, key: `hot/${integrity}.bin`, region: server.region })
      hot[integrity].push(figures)
      log(
        `round ${round}, integrity '${integrity}': ${figures.mbPerSecond.toFixed(0)} MB/s, client ${gib(figures).toFixed(2)} CPU s per GiB, peak RSS ${(figures.peakRssBytes / MiB).toFixed(0)} MiB`,
      )
    }
  }
  const before = median(hot.both.map(gib))
  const after = median(hot.crc64.map(gib))
  log(
    `client CPU per GiB, median: MD5 + CRC-64 (before) ${before.toFixed(2)} s, CRC-64 alone (now) ${after.toFixed(2)} s: ${(before - after).toFixed(2)} s less (${((1 - after / before) * 100).toFixed(0)} %)`,
  )
  log(`\n[bench] proving a resume at ${Math.round(FRACTION * 100)} %`)
  const script = new URL('runners/vodup-resume.mjs', import.meta.url)
  for (let round = 1; round <= ROUNDS; round++) {
    const stopped = await runChild(script, { ...common, phase: 'stop' }, { cpu: pins?.client })
    const resumed = await runChild(script, { ...common, phase: 'resume' }, { cpu: pins?.client })
    await deleteObject({ ...common, region: server.region })
    const { proving, whole } = resumed
    log(
      `round ${round}: ${stopped.acknowledged} parts acknowledged before the stop; the resume proved ${resumed.partsResumed} parts ` +
        `(${(resumed.resumedBytes / MiB).toFixed(0)} MiB) in ${proving.seconds.toFixed(2)} s, ${proving.cpuSeconds.toFixed(2)} CPU s ` +
        `(${(resumed.resumedBytes / 1e6 / proving.seconds).toFixed(0)} MB/s), then sent ${resumed.partsSent}; whole resume ` +
        `${whole.seconds.toFixed(2)} s, ${whole.cpuSeconds.toFixed(2)} CPU s, peak RSS ${(whole.peakRssBytes / MiB).toFixed(0)} MiB`,
    )
  }
} finally {
  await server.stop()
  await rm(checkpointDir, { recursive: true, force: true })
}
log(`[bench] load average after: ${loadAverage() ?? '?'}`)
