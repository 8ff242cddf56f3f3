// The portable digests a mini program runs (target-oss's CRC-64 and MD5, bundled from source as
// dist/vodupload.wx.js bundles them: ES2017, minified), timed inside a `vm` context without code generation from
// strings, like the mini-program sandbox of the tests. One thread: CPU seconds of hashing an 8 MiB buffer again
// and again, in several repetitions; prints MB/s (10^6 bytes per CPU second) of each and the load average.
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { build } from 'esbuild'
import { runner } from '../lib/measure.mjs'

const BUFFER = 8 * 1024 * 1024
const source = fileURLToPath(new URL('../../packages/target-oss/src/', import.meta.url))

/** The digest, bundled and loaded in a fresh no-codegen context: `hash(bytes)` there. */
async function sandboxed(digest) {
  const entry =
    digest === 'md5'
      ? `import { createMd5 } from './digest/md5'\nglobalThis.hash = (b) => createMd5().update(b).digest()`
      : `import { crc64 } from './crc64'\nglobalThis.hash = (b) => crc64(b)`
  const { outputFiles } = await build({
    stdin: { contents: entry, resolveDir: source, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2017',
    platform: 'neutral',
    minify: true,
    logLevel: 'error',
  })
  const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } })
  vm.runInContext(outputFiles[0].text, context)
  return context
}

await runner(async ({ digest, bytes: total = 256 * 1024 * 1024, repetitions = 7 }) => {
  const context = await sandboxed(digest)
  // The sandbox's own Uint8Array, filled with bytes that are not all alike.
  vm.runInContext(
    `var data = new Uint8Array(${BUFFER}); for (var i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24`,
    context,
  )
  const once = new vm.Script('hash(data)')
  for (let i = 0; i < 8; i++) once.runInContext(context) // tiers the code up before timing
  const rates = []
  for (let r = 0; r < repetitions; r++) {
    const before = process.cpuUsage()
    for (let done = 0; done < total; done += BUFFER) once.runInContext(context)
    const cpu = process.cpuUsage(before)
    rates.push(total / 1e6 / ((cpu.user + cpu.system) / 1e6))
  }
  const sorted = [...rates].sort((a, b) => a - b)
  return {
    digest,
    bytes: total,
    repetitions,
    bestMbPerCpuSecond: sorted.at(-1),
    medianMbPerCpuSecond: sorted[Math.floor(sorted.length / 2)],
    rates,
    loadAverage: loadavg()[0],
  }
})
