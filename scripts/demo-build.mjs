// Builds the packages the `vodup` command runs on (it and its @vodup dependencies, in workspace order), skipping
// those whose dist is newer than their sources. Used by `npm run demo` and by the command's launcher in a clone.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

/** The workspace folders of `@vodup/cli` and of the @vodup packages it depends on, in build order. */
export function cliPackageDirs(root) {
  const dirs = readJson(join(root, 'package.json')).workspaces.filter(
    (dir) => dir.startsWith('packages/') && existsSync(join(root, dir, 'package.json')),
  )
  const byName = new Map(dirs.map((dir) => [readJson(join(root, dir, 'package.json')).name, dir]))
  const needed = new Set()
  const visit = (name) => {
    const dir = byName.get(name)
    if (!dir || needed.has(dir)) return
    needed.add(dir)
    const { dependencies = {} } = readJson(join(root, dir, 'package.json'))
    for (const dependency of Object.keys(dependencies)) visit(dependency)
  }
  visit('@vodup/cli')
  return dirs.filter((dir) => needed.has(dir))
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function isFresh(root, dir) {
  const dist = join(root, dir, 'dist', 'index.js')
  if (!existsSync(dist)) return false
  const src = join(root, dir, 'src')
  const sources = Math.max(
    existsSync(src) ? newestMtime(src) : 0,
    statSync(join(root, dir, 'package.json')).mtimeMs,
  )
  return statSync(dist).mtimeMs >= sources
}

/** Builds what is stale (and everything after it, since later packages bundle earlier ones' types); throws when a build fails. */
export function buildDemoPackages(root, log) {
  let stale = false
  for (const dir of cliPackageDirs(root)) {
    stale ||= !isFresh(root, dir)
    if (!stale) continue
    const { name } = readJson(join(root, dir, 'package.json'))
    log(`building ${name}`)
    const result = spawnSync('npm', ['run', 'build', '--silent', '-w', dir], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (result.status !== 0) throw new Error(`building ${name} failed`)
  }
}
