import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Package names that the pending changesets in `.changeset/` release. */
export function packagesWithChangesets(root) {
  const dir = join(root, '.changeset')
  if (!existsSync(dir)) return new Set()
  const names = new Set()
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue
    const frontmatter =
      /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? ''
    for (const [, name] of frontmatter.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:/gm)) names.add(name)
  }
  return names
}
