import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { publicPackages, readManifest } from '../release/workspaces.mjs'

/** Where a package keeps its API reports, relative to the package. */
export const REPORT_FOLDER = 'api'

/** The ESM `types` files an `exports` value leads to (every condition but `require`, which mirrors `import`). */
export function typesFiles(value) {
  if (typeof value === 'string') return value.endsWith('.d.ts') ? [value] : []
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([condition, target]) => {
    if (condition === 'require') return []
    if (condition === 'types') return typeof target === 'string' ? [target] : []
    return typesFiles(target)
  })
}

/** The packages whose declarations another entry point augments (`declare module '@vodup/core'`). */
function augmentedPackages(root, entries) {
  const augmented = new Set()
  for (const entry of entries) {
    const text = readFileSync(join(root, entry.dir, entry.types), 'utf8')
    for (const match of text.matchAll(/^declare module ['"]([^'"]+)['"]/gm)) augmented.add(match[1])
  }
  return augmented
}

/**
 * The public entry points of the monorepo at `root`: one per distinct `types` file of each published package's
 * `exports`, `{ dir, name, types, report, subpaths, program }`, the report named after the declaration file
 * (`dist/testing.d.ts` → `testing`). Entries of a package that others augment get a `program` of their own
 * (its name); the others share `'shared'`.
 */
export function apiEntries(root) {
  const entries = []
  for (const pkg of publicPackages(root)) {
    const { exports } = readManifest(join(root, pkg.dir))
    const bySubpath = new Map()
    for (const [subpath, value] of Object.entries(exports ?? {})) {
      for (const file of typesFiles(value)) {
        const types = file.replace(/^\.\//, '')
        bySubpath.set(types, [...(bySubpath.get(types) ?? []), subpath])
      }
    }
    for (const [types, subpaths] of bySubpath) {
      if (!existsSync(join(root, pkg.dir, types))) {
        throw new Error(`${pkg.name}: ${types} is missing. Run \`npm run build\` first.`)
      }
      entries.push({
        dir: pkg.dir,
        name: pkg.name,
        types,
        report: basename(types, '.d.ts'),
        subpaths,
      })
    }
  }
  const augmented = augmentedPackages(root, entries)
  return entries.map((entry) => ({
    ...entry,
    program: augmented.has(entry.name) ? entry.name : 'shared',
  }))
}
