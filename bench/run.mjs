// `npm run bench`: vodup against ali-oss on one machine and one local server (the emulator in its own process).
// Figures are printed, never asserted; bench/README.md records them.
import { mkdir, rm } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { buildDemoPackages } from '../scripts/demo-build.mjs'
import { ensureDenseFile, ensureSparseFile } from './lib/files.mjs'
import { processCpuSeconds, runChild, startEmulatorProcess } from './lib/processes.mjs'
import { header, row, verdict } from './lib/report.mjs'

const MiB = 1024 * 1024
const PART_SIZE = 8 * MiB
const CONCURRENCY = 4
const root = new URL('../', import.meta.url)
const data = fileURLToPath(new URL('.bench-data/', root))
const runner = (name) => new URL(`runners/${name}.mjs`, import.meta.url)
const log = (line) => console.log(line)

buildDemoPackages(fileURLToPath(root), (line) => log(`[bench] ${line}`))
await mkdir(data, { recursive: true })
const files = {
  gib: `${data}1GiB.bin`,
  mb100: `${data}100MB.bin`,
  gb4: `${data}4GB-sparse.bin`,
}
log('[bench] preparing input files in .bench-data/ (kept between runs)')
await ensureDenseFile(files.gib, 1024 * MiB)
await ensureDenseFile(files.mb100, 100 * 1000 * 1000)
await ensureSparseFile(files.gb4, 4 * 1000 * 1000 * 1000)

await rm(`${data}emulator`, { recursive: true, force: true })
await rm(`${data}checkpoints`, { recursive: true, force: true })
const server = await startEmulatorProcess(root, `${data}emulator`)
const common = {
  url: server.url,
  region: server.region,
  bucket: 'bench',
  accessKeyId: server.accessKeyId,
  accessKeySecret: server.accessKeySecret,
  partSize: PART_SIZE,
  concurrency: CONCURRENCY,
  checkpointDir: `${data}checkpoints`,
}

async function measured(label, script, path, key) {
  const before = processCpuSeconds(server.pid)
  const figures = await runChild(runner(script), { ...common, path, key })
  const after = processCpuSeconds(server.pid)
  const serverCpu = before === undefined || after === undefined ? undefined : after - before
  log(row(label, figures, serverCpu))
  return { ...figures, serverCpuSeconds: serverCpu }
}

log(
  `\n[bench] ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
)
log(
  `[bench] part size ${PART_SIZE / MiB} MiB, ${CONCURRENCY} parts in flight, server ${server.url}\n`,
)
log(header())
const results = {}
try {
  results.raw = await measured(
    'server alone (raw PUT, 1 GiB)',
    'raw-put',
    files.gib,
    'raw/1GiB.bin',
  )
  results.vodup = await measured('vodup (1 GiB)', 'vodup', files.gib, 'vodup/1GiB.bin')
  results.aliOss = await measured(
    'ali-oss multipartUpload (1 GiB)',
    'ali-oss',
    files.gib,
    'ali/1GiB.bin',
  )
  results.vodup100 = await measured('vodup (100 MB)', 'vodup', files.mb100, 'vodup/100MB.bin')
  results.vodup4g = await measured('vodup (4 GB, sparse)', 'vodup', files.gb4, 'vodup/4GB.bin')
} finally {
  await server.stop()
  await rm(`${data}emulator`, { recursive: true, force: true })
}

const budgetMiB = 64 + (CONCURRENCY * PART_SIZE) / MiB
const peakMiB = (r) => r.peakRssBytes / MiB
log('')
log(
  `throughput vodup / ali-oss: ${verdict(results.vodup.mbPerSecond / results.aliOss.mbPerSecond, 1.5, true)}`,
)
log(
  `client CPU vodup / ali-oss: ${(results.vodup.cpuSeconds / results.aliOss.cpuSeconds).toFixed(2)}×`,
)
log(
  `peak RSS vodup / ali-oss:   ${(results.vodup.peakRssBytes / results.aliOss.peakRssBytes).toFixed(2)}×`,
)
for (const [label, r] of [
  ['1 GiB', results.vodup],
  ['100 MB', results.vodup100],
  ['4 GB', results.vodup4g],
]) {
  log(`vodup peak RSS, ${label}: ${verdict(peakMiB(r), budgetMiB, false, ' MiB')}`)
}
log(
  `server alone: ${results.raw.mbPerSecond.toFixed(1)} MB/s; vodup reached ${((results.vodup.mbPerSecond / results.raw.mbPerSecond) * 100).toFixed(0)} % of it`,
)
