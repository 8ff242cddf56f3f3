// Builds the packages the demo runs (in workspace order), skipping those whose dist is newer than their sources.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The packages `vodup upload` needs, in build order. */
export const DEMO_PACKAGES = [
  'core',
  'target-oss',
  'emulator',
  'vod',
  'auth-uploadauth',
  'auth-sts',
  'retry',
  'transport-node',
  'cli',
]

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function isFresh(root, name) {
  const dist = join(root, 'packages', name, 'dist', 'index.js')
  if (!existsSync(dist)) return false
  const sources = Math.max(
    newestMtime(join(root, 'packages', name, 'src')),
    statSync(join(root, 'packages', name, 'package.json')).mtimeMs,
  )
  return statSync(dist).mtimeMs >= sources
}

/** Builds what is stale; throws when a build fails. */
export function buildDemoPackages(root, log) {
  let stale = false
  for (const name of DEMO_PACKAGES) {
    stale ||= !isFresh(root, name)
    if (!stale) continue
    log(`building @vodup/${name}`)
    const result = spawnSync('npm', ['run', 'build', '--silent', '-w', `packages/${name}`], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (result.status !== 0) throw new Error(`building @vodup/${name} failed`)
  }
}
