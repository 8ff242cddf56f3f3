// The release dry run: builds, versions and packs every public package in a temporary copy of the monorepo,
// then checks each tarball with publint and @arethetypeswrong/cli. The working tree is never written.
// Usage: npm run release:dry [-- --keep]   (--keep leaves the temporary copy and tarballs for inspection)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import { checkDocs } from './release/check-docs.mjs'
import { attwTarball, publintTarball } from './release/check-tarball.mjs'
import { packagesWithChangesets } from './release/pending-changesets.mjs'
import { run } from './release/run.mjs'
import { formatSize, formatTable } from './release/summary-table.mjs'
import { copyWorkspace } from './release/workspace-copy.mjs'
import { publicPackages } from './release/workspaces.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const keep = process.argv.includes('--keep')
const work = mkdtempSync(join(tmpdir(), 'vodup-release-'))
const copy = join(work, 'repo')
const tarballs = join(work, 'tarballs')
const bin = (name) => join(copy, 'node_modules', '.bin', name)

function step(title, action) {
  const started = Date.now()
  process.stdout.write(`• ${title}… `)
  const result = action()
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  return result
}

function pack(dir) {
  const { stdout } = run('npm', ['pack', '--json', '--pack-destination', tarballs], {
    cwd: join(copy, dir),
    capture: true,
  })
  const [info] = JSON.parse(stdout)
  return { file: join(tarballs, info.filename), size: info.size, entries: info.entryCount }
}

async function main() {
  const before = new Map(publicPackages(root).map((p) => [p.name, p.version]))
  step('copying the working tree', () => copyWorkspace(root, copy))
  const changesets = packagesWithChangesets(copy)
  step('building every package', () =>
    run('npm', ['run', 'build', '--workspaces', '--if-present'], { cwd: copy, capture: true }),
  )
  const docProblems = step('checking docs and the API reference (typedoc)', () => [
    ...checkDocs(copy),
    ...typedocProblems(),
  ])
  step('changeset version', () => run(bin('changeset'), ['version'], { cwd: copy, capture: true }))
  mkdirSync(tarballs)
  const packages = publicPackages(copy)
  const rows = []
  const details = []
  for (const pkg of packages) {
    const tarball = step(`packing ${pkg.name}`, () => pack(pkg.dir))
    const lint = await publintTarball(tarball.file)
    const types = attwTarball(tarball.file)
    const errors = [...lint, ...types].filter((m) => m.type === 'error').length
    rows.push([
      pkg.name,
      `${before.get(pkg.name) ?? '-'} → ${pkg.version}`,
      changesets.has(pkg.name) ? 'yes' : 'none',
      formatSize(tarball.size),
      tarball.entries,
      lint.length === 0 ? 'ok' : `${lint.length} problem(s)`,
      types.length === 0 ? 'ok' : `${types.length} problem(s)`,
      errors === 0 ? 'PASS' : 'FAIL',
    ])
    for (const m of [...lint, ...types]) details.push(`${pkg.name}: [${m.type}] ${m.text}`)
  }
  console.log(
    `\n${formatTable(['package', 'version', 'changeset', 'tarball', 'files', 'publint', 'attw', 'result'], rows)}\n`,
  )
  for (const line of [...docProblems.map((p) => `docs: ${p}`), ...details]) console.log(line)
  const failed = rows.filter((row) => row.at(-1) === 'FAIL').length
  if (failed > 0 || docProblems.length > 0) {
    console.log(
      `\nRelease dry run failed: ${failed} package(s) with errors, ${docProblems.length} docs problem(s).`,
    )
    process.exitCode = 1
  } else {
    console.log(`\nRelease dry run passed: ${rows.length} packages ready to publish.`)
  }
}

function typedocProblems() {
  const { status, stdout, stderr } = run(
    bin('typedoc'),
    ['--emit', 'none', '--treatWarningsAsErrors', '--logLevel', 'Warn'],
    { cwd: copy, capture: true, allowFailure: true, env: { NO_COLOR: '1', FORCE_COLOR: '0' } },
  )
  if (status === 0) return []
  const output = stripVTControlCharacters(`${stdout}\n${stderr}`)
  const lines = output.split('\n').filter((line) => /\[(warning|error)\]/.test(line))
  return lines.length > 0
    ? lines.map((line) => `typedoc ${line.trim()}`)
    : [`typedoc exited with ${status}: ${output.trim().slice(-500)}`]
}

try {
  await main()
} catch (error) {
  console.error(`\nRelease dry run failed: ${error.message}`)
  process.exitCode = 1
} finally {
  if (keep) console.log(`Kept ${work}`)
  else rmSync(work, { recursive: true, force: true })
}
