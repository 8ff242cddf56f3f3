import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { readmeExampleProblems } from './readme-examples.mjs'
import { publicPackages, readManifest } from './workspaces.mjs'

/** The declaration files a package's `exports` name, through every condition: `./dist/node.d.ts` → `node`. */
function exportedDeclarations(exports) {
  const names = new Set()
  const visit = (value, key) => {
    if (typeof value === 'string') {
      const match = key === 'types' && /^\.\/dist\/(.+?)\.d\.[cm]?ts$/.exec(value)
      if (match) names.add(match[1])
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k)
    }
  }
  visit(exports ?? {}, '')
  return [...names]
}

/**
 * Typed entry points of a package (each `types` file its `exports` name, mapped back to its source, `node` →
 * `src/node.ts` or `src/node/index.ts`) that have no TypeDoc entry point. Untyped assets are not API.
 */
export function undocumentedEntryPoints(root, pkg, entryPoints) {
  const manifest = readManifest(join(root, pkg.dir))
  const covered = (file) =>
    entryPoints.some(
      (entry) => entry === file || entry === file.replace(/^packages\/[^/]+\//, 'packages/*/'),
    )
  return exportedDeclarations(manifest.exports)
    .map((name) => {
      const candidates =
        name === 'index' ? ['src/index.ts'] : [`src/${name}.ts`, `src/${name}/index.ts`]
      const found =
        candidates.find((file) => existsSync(join(root, pkg.dir, file))) ?? candidates[0]
      return `${pkg.dir}/${found}`
    })
    .filter((file) => !covered(file))
    .map((file) => `typedoc.json: no entry point for ${file} (${pkg.name})`)
}

/** A README with a fenced example that imports the package (or runs its command). */
export function readmeProblems(root, pkg) {
  const path = join(root, pkg.dir, 'README.md')
  if (!existsSync(path)) return [`${pkg.name}: no README.md`]
  const readme = readFileSync(path, 'utf8')
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(([, , code]) => code)
  const manifest = readManifest(join(root, pkg.dir))
  const commands = Object.keys(typeof manifest.bin === 'object' ? manifest.bin : {})
  const example = blocks.some(
    (code) =>
      code.includes(`'${pkg.name}`) ||
      code.includes(`"${pkg.name}`) ||
      commands.some((command) => new RegExp(`(^|\\s)${command}\\s`, 'm').test(code)),
  )
  return example ? [] : [`${pkg.name}: README.md has no example that imports the package`]
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
export function headingSlug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-')
}

/** Relative links of a markdown file whose target file or heading does not exist. */
export function brokenLinks(root, file) {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '')
  const problems = []
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue
    const [path, anchor] = target.split('#')
    const resolved = path ? join(root, dirname(file), path) : join(root, file)
    if (!existsSync(resolved)) {
      problems.push(`${file}: link to ${target}: no such file`)
      continue
    }
    if (!anchor || !resolved.endsWith('.md')) continue
    const headings = [...readFileSync(resolved, 'utf8').matchAll(/^#+ (.+)$/gm)].map(([, h]) =>
      headingSlug(h),
    )
    if (!headings.includes(anchor)) problems.push(`${file}: link to ${target}: no such heading`)
  }
  return problems
}

/** The guides and example READMEs whose links are checked. */
export function linkedDocs(root) {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
  const examples = existsSync(join(root, 'examples'))
    ? readdirSync(join(root, 'examples'))
        .map((name) => `examples/${name}/README.md`)
        .filter((file) => existsSync(join(root, file)))
    : []
  return [...docs, ...examples].map((file) => relative(root, join(root, file)))
}

/** Everything the docs must keep in sync with the code. */
export function checkDocs(root) {
  // The hook table (docs/hooks.md) is generated from packages/core/src/hook-table.ts and checked against the
  // kernel's hooks by packages/core/test/hook-table.test.ts.
  const problems = []
  const { entryPoints = [] } = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8'))
  for (const pkg of publicPackages(root)) {
    problems.push(...undocumentedEntryPoints(root, pkg, entryPoints), ...readmeProblems(root, pkg))
  }
  for (const file of linkedDocs(root)) problems.push(...brokenLinks(root, file))
  problems.push(...readmeExampleProblems(root))
  return problems
}
