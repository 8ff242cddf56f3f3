import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fmt } from './size-budget'

/** The packages an app imports for `createUploader` + `wxTransport` + `ossTarget` + `uploadAuth`. */
export const MODERN_WX_PACKAGES = [
  '@vodup/core',
  '@vodup/transport-wx',
  '@vodup/target-oss',
  '@vodup/auth-uploadauth',
]

function packageJson(packagesDir: string, name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(packagesDir, name.slice('@vodup/'.length), 'package.json'), 'utf8'),
  )
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/**
 * What a mini program pays through WeChat DevTools' "build npm" for `packages` and the `@vodup` packages they
 * depend on: "build npm" copies each package's `miniprogram` folder (`miniprogram_dist`, where other npm
 * dependencies are already inlined) whole into `miniprogram_npm`, so every file there counts, unminified.
 */
export function npmBuildSize(
  packagesDir: string,
  packages: readonly string[] = MODERN_WX_PACKAGES,
): { lines: string[]; bytes: number } {
  const seen = new Set<string>()
  const queue = [...packages]
  while (queue.length > 0) {
    const name = queue.shift() as string
    if (seen.has(name)) continue
    seen.add(name)
    const deps = Object.keys((packageJson(packagesDir, name).dependencies as object) ?? {})
    queue.push(...deps.filter((d) => d.startsWith('@vodup/')))
  }
  const lines: string[] = []
  let total = 0
  let totalGzipped = 0
  for (const name of seen) {
    const folder = packageJson(packagesDir, name).miniprogram
    const dir = join(packagesDir, name.slice('@vodup/'.length), String(folder))
    if (typeof folder !== 'string' || !existsSync(dir)) {
      lines.push(`${name}: no miniprogram folder (build it first)`)
      continue
    }
    for (const file of filesUnder(dir)) {
      const code = readFileSync(file)
      const gzipped = gzipSync(code, { level: 9 }).length
      total += code.length
      totalGzipped += gzipped
      const where = `${name}/${file.slice(dir.length - String(folder).length)}`
      lines.push(`${fmt(code.length).padStart(9)} B ${fmt(gzipped).padStart(8)} B gz  ${where}`)
    }
  }
  lines.push(`${fmt(total).padStart(9)} B ${fmt(totalGzipped).padStart(8)} B gz  total`)
  return { lines, bytes: total }
}
