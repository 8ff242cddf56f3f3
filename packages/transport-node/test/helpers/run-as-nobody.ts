import { execFile } from 'node:child_process'
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const packageSource = fileURLToPath(new URL('../../src/index.ts', import.meta.url))
const coreSource = fileURLToPath(new URL('../../../core/src/index.ts', import.meta.url))
const NOBODY = 65534

/**
 * Runs `body` (the text of an async function taking this package's exports and `argument`) in a child process
 * as an unprivileged user, so permission checks hold even when the tests run as root. The script is written to
 * `dir`, which becomes world-readable. Resolves with `{ value }` or `{ error: { code, message } }`.
 */
export async function runAsNobody(dir: string, body: string, argument: unknown): Promise<unknown> {
  const entry = `import * as transportNode from ${JSON.stringify(packageSource)}
const run = ${body}
run(transportNode, ${JSON.stringify(argument)}).then(
  (value) => console.log(JSON.stringify({ value })),
  (error) => console.log(JSON.stringify({ error: { code: error.code, message: error.message } })),
)`
  const bundle = await esbuild.build({
    stdin: { contents: entry, resolveDir: dir, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    alias: { '@vodup/core': coreSource },
    logLevel: 'silent',
  })
  const script = join(dir, 'run-as-nobody.cjs')
  await writeFile(script, bundle.outputFiles[0].text)
  await chmod(script, 0o644)
  await chmod(dir, 0o755)
  const asRoot = process.getuid?.() === 0
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [script],
      asRoot ? { uid: NOBODY, gid: NOBODY } : {},
      (error, out) => (error ? reject(error) : resolve(out)),
    )
  })
  return JSON.parse(stdout.trim().split('\n').pop() as string)
}
