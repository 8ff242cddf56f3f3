// `node bench/resume.mjs`: what proving a resume costs. A 1 GiB upload (8 MiB parts, 4 in flight) stops at 90 %;
// a new process resumes it, and before it sends anything it reads every resumed part back from the file and
// compares its CRC-64 with the checkpoint's (local reads only). Printed: that proving phase (wall time, CPU
// seconds, MB/s of file proven) and the whole resume, per round. Never asserted; bench/README.md records them.
// Options: --rounds <n> (default 3), --fraction <0..1> (default 0.9).
import { rm } from 'node:fs/promises'
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
const script = new URL('runners/vodup-resume.mjs', import.meta.url)
try {
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
