import { resolve } from 'node:path'
import type { Metafile } from 'esbuild'
import { fmt } from './size-budget'

/** Where an input of the bundle comes from: `@vodup/<package>` for workspace sources, else the npm package. */
export function moduleOwner(path: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)
  if (dependency) return dependency[1]
  const workspace = /\/packages\/([^/]+)\//.exec(path)
  if (workspace) return `@vodup/${workspace[1]}`
  return '(entry)'
}

/**
 * The bundle's bytes by package and by module (esbuild's metafile: bytes each input left in the minified output),
 * largest first; modules below `minModuleBytes` are summed per package. Metafile paths are relative to `baseDir`.
 */
export function sizeTable(
  metafile: Metafile,
  outfile: string,
  baseDir: string,
  minModuleBytes = 1500,
): string[] {
  const output = Object.entries(metafile.outputs).find(([path]) => outfile.endsWith(path))?.[1]
  if (!output) return [`no metafile output for ${outfile}`]
  const packages = new Map<string, { bytes: number; modules: Array<[string, number]> }>()
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const owner = moduleOwner(resolve(baseDir, input))
    const entry = packages.get(owner) ?? { bytes: 0, modules: [] }
    entry.bytes += bytesInOutput
    const path = resolve(baseDir, input)
    entry.modules.push([path.replace(/^.*(?:\/node_modules\/|\/packages\/)/, ''), bytesInOutput])
    packages.set(owner, entry)
  }
  const total = [...packages.values()].reduce((sum, p) => sum + p.bytes, 0)
  const lines: string[] = []
  for (const [owner, { bytes, modules }] of [...packages].sort((a, b) => b[1].bytes - a[1].bytes)) {
    lines.push(
      `${fmt(bytes).padStart(8)} B ${((bytes / total) * 100).toFixed(1).padStart(5)} %  ${owner}`,
    )
    const shown = modules.filter(([, b]) => b >= minModuleBytes).sort((a, b) => b[1] - a[1])
    for (const [name, b] of shown) lines.push(`${fmt(b).padStart(8)} B           ${name}`)
    const rest = modules.length - shown.length
    const restBytes = bytes - shown.reduce((sum, [, b]) => sum + b, 0)
    if (shown.length > 0 && rest > 0) {
      lines.push(`${fmt(restBytes).padStart(8)} B           (${rest} smaller modules)`)
    }
  }
  return lines
}
