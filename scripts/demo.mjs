// `npm run demo`: builds what it needs, writes a sample video under .demo/, uploads it with the `vodup` command
// to the emulator the command starts inside itself, and checks the bytes that arrived.
import { spawn } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildDemoPackages } from './demo-build.mjs'
import { writeSampleVideo } from './demo-sample.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const demoDir = join(root, '.demo')
const SAMPLE_BYTES = 40 * 1024 * 1024
const log = (line) => console.log(`[demo] ${line}`)

buildDemoPackages(root, log)

await mkdir(demoDir, { recursive: true })
const sample = join(demoDir, 'sample.mp4')
if (await writeSampleVideo(sample, SAMPLE_BYTES)) log(`wrote ${sample} (40 MiB)`)

const cli = join(root, 'packages', 'cli', 'bin', 'vodup.js')
// The emulator inside the command keeps its data in .demo/.vodup/emulator, so the bytes can be checked after.
const upload = [
  'upload',
  'sample.mp4',
  '--title',
  'vodup demo',
  '--emulator-data',
  '.vodup/emulator',
]

async function vodup(args) {
  log(`vodup ${args.join(' ')}`)
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: demoDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
    process.stdout.write(chunk)
  })
  const code = await new Promise((resolve) => child.on('close', resolve))
  if (code !== 0) {
    log(`vodup failed (exit code ${code})`)
    process.exit(code ?? 1)
  }
  return output
}

// --force: upload even if an earlier demo did; the second run shows a finished file is skipped, nothing sent.
const output = await vodup([...upload, '--force'])
await vodup(upload)
const [, bucket, objectKey] = /Bucket +(\S+) +Key (\S+)/.exec(output) ?? []

const { startEmulator } = await import(join(root, 'packages', 'emulator', 'dist', 'index.js'))
const emulator = await startEmulator({ dataDir: join(demoDir, '.vodup', 'emulator') })
const stored = await emulator.getObject(bucket, objectKey)
await emulator.stop()
const same = stored?.equals(await readFile(sample)) === true
console.log(
  same
    ? `[demo] verified: the object ${bucket}/${objectKey} on the emulator has exactly the bytes of .demo/sample.mp4`
    : `[demo] MISMATCH: the object on the emulator differs from .demo/sample.mp4`,
)
console.log(
  '[demo] the emulator keeps its data in .demo/.vodup/emulator; `npx vodup emulator` in .demo/ serves it; `npx vodup --help` for more',
)
process.exit(same ? 0 : 1)
