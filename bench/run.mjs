// `npm run bench`: vodup against ali-oss on one machine and one local server (the emulator in its own process).
// Figures are printed, never asserted; bench/README.md records them.
// Options: --size <bytes> (the large upload, default 1GiB; e.g. 256MB for a quick look), --rounds <n> (runs of
// each measured upload, default 5), --small-files <n> (files of 100 KB, default 1000), --no-pin (let the OS place
// server and clients). Quick look: `node bench/run.mjs --size 256MB --rounds 1`.
import { mkdir, rm } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildDemoPackages } from '../scripts/demo-build.mjs'
import {
  ensureDenseFile,
  ensureSmallFiles,
  ensureSparseFile,
  parseSize,
  sizeLabel,
} from './lib/files.mjs'
import { deleteObject } from './lib/objects.mjs'
import { portableDigestLines } from './lib/portable-digests.mjs'
import {
  clearRequestLog,
  loadAverage,
  pinning,
  processCpuSeconds,
  processWaitSeconds,
  requestCount,
  runChild,
  startEmulatorProcess,
} from './lib/processes.mjs'
import {
  runHeader,
  runLine,
  smallFilesLine,
  summarize,
  summaryHeader,
  summaryLine,
  verdict,
} from './lib/report.mjs'

const MiB = 1024 * 1024
const GiB = 1024 * MiB
const PART_SIZE = 8 * MiB
const CONCURRENCY = 4
const SMALL_FILE_BYTES = 100 * 1000
const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    size: { type: 'string', default: '1GiB' },
    'small-files': { type: 'string', default: '1000' },
    'no-pin': { type: 'boolean' },
  },
})
const ROUNDS = Math.max(1, Number.parseInt(flags.rounds, 10) || 5)
const SIZE = parseSize(flags.size)
const SMALL_FILES = Math.max(1, Number.parseInt(flags['small-files'], 10) || 1000)
const FULL = SIZE >= GiB
const root = new URL('../', import.meta.url)
const data = fileURLToPath(new URL('.bench-data/', root))
const runner = (name) => new URL(`runners/${name}.mjs`, import.meta.url)
const log = (line) => console.log(line)

buildDemoPackages(fileURLToPath(root), (line) => log(`[bench] ${line}`))
await mkdir(data, { recursive: true })
const label = sizeLabel(SIZE)
const files = {
  large: `${data}${label}.bin`,
  mb100: `${data}100MB.bin`,
  gb4: `${data}4GB-sparse.bin`,
  small: `${data}small-${SMALL_FILES}x100KB`,
}
log('[bench] preparing input files in .bench-data/ (kept between runs)')
await ensureDenseFile(files.large, SIZE)
await ensureDenseFile(files.mb100, 100 * 1000 * 1000)
if (FULL) await ensureSparseFile(files.gb4, 4 * 1000 * 1000 * 1000)
await ensureSmallFiles(files.small, SMALL_FILES, SMALL_FILE_BYTES)
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

/**
 * One measured child process, with the server's CPU and CPU wait meanwhile and the requests it served. Uploaded
 * objects are deleted afterwards so the server's memory stays flat (small files are overwritten run after run).
 */
async function upload(script, args, nodeFlags = []) {
  await clearRequestLog(server)
  const before = processCpuSeconds(server.pid)
  const waitBefore = processWaitSeconds(server.pid)
  const figures = await runChild(
    runner(script),
    { ...common, ...args },
    { cpu: pins?.client, nodeFlags },
  )
  const after = processCpuSeconds(server.pid)
  const waitAfter = processWaitSeconds(server.pid)
  const requests = await requestCount(server)
  if (args.path) await deleteObject({ ...common, key: args.key })
  const difference = (a, b) => (a === undefined || b === undefined ? undefined : b - a)
  return {
    ...figures,
    requests,
    serverCpuSeconds: difference(before, after),
    serverWaitSeconds: difference(waitBefore, waitAfter),
  }
}

const KINDS = {
  raw: { label: `bare client, no hashing (${label})`, script: 'raw-put', path: files.large },
  vodup: { label: `vodup (${label})`, script: 'vodup', path: files.large },
  aliOss: { label: `ali-oss multipartUpload (${label})`, script: 'ali-oss', path: files.large },
  vodupThread: {
    label: `vodup, CRC-64 on a thread (${label})`,
    script: 'vodup',
    path: files.large,
    args: { hashThreads: 1 },
  },
  vodup100: { label: 'vodup (100 MB)', script: 'vodup', path: files.mb100 },
  vodup4g: { label: 'vodup (4 GB, sparse)', script: 'vodup', path: files.gb4 },
}
const DIGESTS = {
  crc64: { label: 'CRC-64 alone (in memory)', digest: 'crc64' },
  md5: { label: 'MD5 alone (in memory)', digest: 'md5' },
}
const SMALL = {
  smallVodup: { label: `vodup, ${SMALL_FILES} × 100 KB`, script: 'small-vodup' },
  smallAliOss: { label: `ali-oss put, ${SMALL_FILES} × 100 KB`, script: 'small-ali-oss' },
}
const results = Object.fromEntries(
  [...Object.keys(KINDS), ...Object.keys(DIGESTS), ...Object.keys(SMALL)].map((kind) => [kind, []]),
)

async function measured(kind) {
  const { label: name, script, path, args } = KINDS[kind]
  const figures = await upload(script, { path, key: `${kind}/${path.split('/').at(-1)}`, ...args })
  results[kind].push(figures)
  log(runLine(name, figures))
}

async function measuredDigest(kind) {
  const { label: name, digest } = DIGESTS[kind]
  const figures = await runChild(
    runner('digest'),
    { path: files.mb100, digest, bytes: GiB },
    { cpu: pins?.client },
  )
  results[kind].push(figures)
  log(runLine(name, figures))
}

async function measuredSmall(kind) {
  const { label: name, script } = SMALL[kind]
  const figures = await upload(script, { dir: files.small, key: kind })
  results[kind].push(figures)
  log(runLine(name, figures))
}

const loadBefore = loadAverage()
log(
  `\n[bench] ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / GiB).toFixed(0)} GiB, Node ${process.version}, load average ${loadBefore ?? '?'}`,
)
log(
  `[bench] part size ${PART_SIZE / MiB} MiB, ${CONCURRENCY} parts (or small files) in flight, ${ROUNDS} rounds, server ${server.url} (objects in memory)`,
)
if (loadBefore !== undefined && loadBefore >= 1) {
  log(
    '[bench] other work is running on this machine: throughput will be lower and noisier than on idle cores; CPU seconds per GiB hold better',
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
  await upload('raw-put', { path: files.large, key: 'warm-up/large.bin' })
  log(`\n${runHeader()}`)
  const trio = ['raw', 'vodup', 'aliOss']
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < trio.length; i++) await measured(trio[(round + i) % trio.length])
    await measuredDigest('crc64')
  }
  // The same upload with its parts' CRC-64 on a worker thread (the default beyond 2 cores): on the client's one
  // pinned CPU it cannot be faster, but it shows how much of the event loop's time hashing took.
  for (let round = 0; round < Math.min(ROUNDS, 3); round++) await measured('vodupThread')
  await measuredDigest('md5')
  for (let round = 0; round < ROUNDS; round++) {
    const pair = round % 2 ? ['smallAliOss', 'smallVodup'] : ['smallVodup', 'smallAliOss']
    for (const kind of pair) await measuredSmall(kind)
  }
  for (let round = 0; round < ROUNDS; round++) await measured('vodup100')
  if (FULL) await measured('vodup4g')
  else log('[bench] the 4 GB memory run is part of the full run only (--size 1GiB or more)')
} finally {
  await server.stop()
}
const loadAfter = loadAverage()

const summary = Object.fromEntries(
  Object.entries(results)
    .filter(([, runs]) => runs.length > 0)
    .map(([kind, runs]) => [kind, summarize(runs)]),
)
log(`\n${summaryHeader()}`)
for (const [kind, { label: name }] of Object.entries({ ...KINDS, ...DIGESTS, ...SMALL })) {
  if (summary[kind]) log(summaryLine(name, summary[kind]))
}

const budgetMiB = 64 + (CONCURRENCY * PART_SIZE) / MiB
const { raw, vodup, aliOss, crc64, smallVodup, smallAliOss } = summary
const ceiling = (cpuPerGiB) => GiB / 1e6 / cpuPerGiB
const floor = raw.clientCpuPerGiB + crc64.clientCpuPerGiB
log('')
log(
  `client CPU per GiB: vodup ${vodup.clientCpuPerGiB.toFixed(2)} s, ali-oss ${aliOss.clientCpuPerGiB.toFixed(2)} s; floor ${floor.toFixed(2)} s (bare client ${raw.clientCpuPerGiB.toFixed(2)} s + CRC-64 alone ${crc64.clientCpuPerGiB.toFixed(2)} s); vodup is ${(vodup.clientCpuPerGiB - floor).toFixed(2)} s above its floor`,
)
log(
  `client CPU vodup / ali-oss: ${verdict(vodup.clientCpuPerGiB / aliOss.clientCpuPerGiB, 0.67, false)}`,
)
log(`throughput vodup / ali-oss: ${verdict(vodup.mbPerSecond / aliOss.mbPerSecond, 1.0, true)}`)
log(
  `server alone (bare client): ${raw.mbPerSecond.toFixed(1)} MB/s; vodup reached ${((vodup.mbPerSecond / raw.mbPerSecond) * 100).toFixed(0)} % of it, ali-oss ${((aliOss.mbPerSecond / raw.mbPerSecond) * 100).toFixed(0)} %`,
)
log(
  `one core at 100 % would take (1 GiB / CPU s per GiB): server ${ceiling(raw.serverCpuPerGiB).toFixed(0)} MB/s, vodup client ${ceiling(vodup.clientCpuPerGiB).toFixed(0)} MB/s, ali-oss client ${ceiling(aliOss.clientCpuPerGiB).toFixed(0)} MB/s`,
)
const { vodupThread } = summary
log(
  `event loop CPU per GiB: vodup ${vodup.mainThreadCpuPerGiB.toFixed(2)} s of its ${vodup.clientCpuPerGiB.toFixed(2)} s; with CRC-64 on a thread ${vodupThread.mainThreadCpuPerGiB.toFixed(2)} s of ${vodupThread.clientCpuPerGiB.toFixed(2)} s (one event loop could then feed ${ceiling(vodupThread.mainThreadCpuPerGiB).toFixed(0)} MB/s instead of ${ceiling(vodup.mainThreadCpuPerGiB).toFixed(0)} MB/s, given the cores)`,
)
log(`peak RSS vodup / ali-oss: ${(vodup.peakRssBytes / aliOss.peakRssBytes).toFixed(2)}×`)
for (const [name, kind] of [
  ['100 MB', 'vodup100'],
  [label, 'vodup'],
  ['4 GB', 'vodup4g'],
]) {
  if (!summary[kind]) continue
  log(
    `vodup peak RSS, ${name}: ${verdict(summary[kind].peakRssBytes / MiB, budgetMiB, false, ' MiB')}`,
  )
}
log(smallFilesLine('vodup', smallVodup))
log(smallFilesLine('ali-oss', smallAliOss))
log(
  `small files, vodup / ali-oss: wall time ${(smallVodup.seconds / smallAliOss.seconds).toFixed(2)}×, CPU per file ${(smallVodup.cpuSeconds / smallAliOss.cpuSeconds).toFixed(2)}×`,
)
// Issue 18: the mini program's portable digests, in the no-codegen sandbox (no server involved).
for (const line of await portableDigestLines({ cpu: pins?.client })) log(line)
log(`load average of the machine: ${loadBefore ?? '?'} before, ${loadAfter ?? '?'} after`)
