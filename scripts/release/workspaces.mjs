import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Reads a package.json. */
export function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
}

/**
 * The workspace folders of the monorepo at `root`, in the order of the root `workspaces` list (the build order).
 * Entries are folders or `folder/*` globs.
 */
export function workspaceDirs(root) {
  const dirs = []
  for (const pattern of readManifest(root).workspaces ?? []) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2)
      if (!existsSync(join(root, parent))) continue
      for (const entry of readdirSync(join(root, parent), { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`)
      }
    } else {
      dirs.push(pattern)
    }
  }
  return dirs.filter((dir) => existsSync(join(root, dir, 'package.json')))
}

/** The workspace packages that are published: `{ dir, name, version }`, in build order. */
export function publicPackages(root) {
  return workspaceDirs(root)
    .map((dir) => ({ dir, manifest: readManifest(join(root, dir)) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name, version: manifest.version }))
}
