// `npm run bench`: vodup against ali-oss on one machine and one local server (the emulator in its own process).
// Figures are printed, never asserted; bench/README.md records them.
// Options: --rounds <n> (runs of each 1 GiB upload, default 5), --no-pin (let the OS place server and clients).
import { mkdir, rm } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildDemoPackages } from '../scripts/demo-build.mjs'
import { ensureDenseFile, ensureSparseFile } from './lib/files.mjs'
import { deleteObject } from './lib/objects.mjs'
import {
  loadAverage,
  pinning,
  processCpuSeconds,
  processWaitSeconds,
  runChild,
  startEmulatorProcess,
} from './lib/processes.mjs'
import {
  runHeader,
  runLine,
  summarize,
  summaryHeader,
  summaryLine,
  verdict,
} from './lib/report.mjs'

const MiB = 1024 * 1024
const PART_SIZE = 8 * MiB
const CONCURRENCY = 4
const { values: flags } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, 'no-pin': { type: 'boolean' } },
})
const ROUNDS = Math.max(1, Number.parseInt(flags.rounds, 10) || 5)
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
await rm(`${data}checkpoints`, { recursive: true, force: true })

const pins = pinning(!flags['no-pin'])
const server = await startEmulatorProcess(root, pins?.server)
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

/** One upload in its own process; the object is deleted afterwards so the server's memory stays flat. */
async function upload(script, path, key, nodeFlags = []) {
  const before = processCpuSeconds(server.pid)
  const waitBefore = processWaitSeconds(server.pid)
  const figures = await runChild(
    runner(script),
    { ...common, path, key },
    { cpu: pins?.client, nodeFlags },
  )
  const after = processCpuSeconds(server.pid)
  const waitAfter = processWaitSeconds(server.pid)
  await deleteObject({ ...common, key })
  const difference = (a, b) => (a === undefined || b === undefined ? undefined : b - a)
  return {
    ...figures,
    serverCpuSeconds: difference(before, after),
    serverWaitSeconds: difference(waitBefore, waitAfter),
  }
}

const KINDS = {
  raw: { label: 'server alone (raw PUT, 1 GiB)', script: 'raw-put', path: files.gib },
  vodup: { label: 'vodup (1 GiB)', script: 'vodup', path: files.gib },
  aliOss: { label: 'ali-oss multipartUpload (1 GiB)', script: 'ali-oss', path: files.gib },
  vodup100: { label: 'vodup (100 MB)', script: 'vodup', path: files.mb100 },
  vodup4g: { label: 'vodup (4 GB, sparse)', script: 'vodup', path: files.gb4 },
  vodupLiftoff: {
    label: 'vodup (1 GiB), node --liftoff-only',
    script: 'vodup',
    path: files.gib,
    nodeFlags: ['--liftoff-only'],
  },
}
const results = Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, []]))

async function measured(kind) {
  const { label, script, path, nodeFlags } = KINDS[kind]
  const figures = await upload(script, path, `${kind}/${path.split('/').at(-1)}`, nodeFlags)
  results[kind].push(figures)
  log(runLine(label, figures))
}

const loadBefore = loadAverage()
log(
  `\n[bench] ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, load average ${loadBefore ?? '?'}`,
)
log(
  `[bench] part size ${PART_SIZE / MiB} MiB, ${CONCURRENCY} parts in flight, ${ROUNDS} rounds, server ${server.url} (objects in memory)`,
)
if (loadBefore !== undefined && loadBefore >= 1) {
  log(
    '[bench] other work is running on this machine: figures will be lower and noisier than on idle cores',
  )
}
log(
  pins
    ? `[bench] server pinned to CPU ${pins.server}, each client to CPU ${pins.client} (taskset)`
    : '[bench] server and clients not pinned: they share the CPUs',
)
try {
  // The server's first GiB of fresh memory costs it several CPU seconds in page faults; later runs reuse it.
  log('[bench] warm-up upload (not measured)')
  await upload('raw-put', files.gib, 'warm-up/1GiB.bin')
  log(`\n${runHeader()}`)
  const trio = ['raw', 'vodup', 'aliOss']
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < trio.length; i++) await measured(trio[(round + i) % trio.length])
  }
  for (let round = 0; round < ROUNDS; round++) await measured('vodup100')
  await measured('vodup4g')
  await measured('vodupLiftoff')
} finally {
  await server.stop()
}
const loadAfter = loadAverage()

const summary = Object.fromEntries(
  Object.entries(results).map(([kind, runs]) => [kind, summarize(runs)]),
)
log(`\n${summaryHeader()}`)
for (const [kind, { label }] of Object.entries(KINDS)) log(summaryLine(label, summary[kind]))

const budgetMiB = 64 + (CONCURRENCY * PART_SIZE) / MiB
const { raw, vodup, aliOss } = summary
const ceiling = (cpuPerGiB) => (1024 * MiB) / 1e6 / cpuPerGiB
log('')
log(`throughput vodup / ali-oss: ${verdict(vodup.mbPerSecond / aliOss.mbPerSecond, 1.5, true)}`)
log(`client CPU vodup / ali-oss: ${(vodup.clientCpuPerGiB / aliOss.clientCpuPerGiB).toFixed(2)}×`)
log(`peak RSS vodup / ali-oss:   ${(vodup.peakRssBytes / aliOss.peakRssBytes).toFixed(2)}×`)
for (const [label, kind] of [
  ['100 MB', 'vodup100'],
  ['1 GiB', 'vodup'],
  ['4 GB', 'vodup4g'],
]) {
  log(
    `vodup peak RSS, ${label}: ${verdict(summary[kind].peakRssBytes / MiB, budgetMiB, false, ' MiB')}`,
  )
}
log(
  `server alone: ${raw.mbPerSecond.toFixed(1)} MB/s; vodup reached ${((vodup.mbPerSecond / raw.mbPerSecond) * 100).toFixed(0)} % of it, ali-oss ${((aliOss.mbPerSecond / raw.mbPerSecond) * 100).toFixed(0)} %`,
)
log(
  `one core at 100 % would take (1 GiB / CPU s per GiB): server ${ceiling(raw.serverCpuPerGiB).toFixed(0)} MB/s, vodup client ${ceiling(vodup.clientCpuPerGiB).toFixed(0)} MB/s, ali-oss client ${ceiling(aliOss.clientCpuPerGiB).toFixed(0)} MB/s`,
)
log(`load average of the machine: ${loadBefore ?? '?'} before, ${loadAfter ?? '?'} after`)
