import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  brokenLinks,
  headingSlug,
  linkedDocs,
  readmeProblems,
  undocumentedEntryPoints,
} from './check-docs.mjs'
import { publicPackages } from './workspaces.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

function fixturePackage(manifest, readme) {
  const dir = mkdtempSync(join(tmpdir(), 'vodup-docs-'))
  mkdirSync(join(dir, 'packages/thing'), { recursive: true })
  writeFileSync(join(dir, 'packages/thing/package.json'), JSON.stringify(manifest))
  if (readme !== undefined) writeFileSync(join(dir, 'packages/thing/README.md'), readme)
  return { root: dir, pkg: { dir: 'packages/thing', name: manifest.name } }
}

describe('typedoc entry points', () => {
  it('cover every typed entry of every package of the repository', () => {
    const { entryPoints } = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8'))
    const problems = publicPackages(root).flatMap((pkg) =>
      undocumentedEntryPoints(root, pkg, entryPoints),
    )
    expect(problems).toEqual([])
  })

  it('are required for each typed subpath, found as src/<name>.ts or src/<name>/index.ts', () => {
    const { root: dir, pkg } = fixturePackage({
      name: '@vodup/thing',
      exports: {
        '.': { node: { types: './dist/node.d.ts' }, import: { types: './dist/index.d.ts' } },
        './extra': { require: { types: './dist/extra.d.cts', default: './dist/extra.cjs' } },
        './asset.js': './dist/asset.js',
        './package.json': './package.json',
      },
    })
    mkdirSync(join(dir, 'packages/thing/src/extra'), { recursive: true })
    writeFileSync(join(dir, 'packages/thing/src/extra/index.ts'), '')
    expect(undocumentedEntryPoints(dir, pkg, ['packages/*/src/index.ts'])).toEqual([
      'typedoc.json: no entry point for packages/thing/src/node.ts (@vodup/thing)',
      'typedoc.json: no entry point for packages/thing/src/extra/index.ts (@vodup/thing)',
    ])
    expect(
      undocumentedEntryPoints(dir, pkg, [
        'packages/*/src/index.ts',
        'packages/thing/src/node.ts',
        'packages/thing/src/extra/index.ts',
      ]),
    ).toEqual([])
  })
})

describe('package READMEs', () => {
  it('need an example that imports the package', () => {
    const manifest = { name: '@vodup/thing' }
    expect(readmeProblems(...Object.values(fixturePackage(manifest)))).toEqual([
      '@vodup/thing: no README.md',
    ])
    const prose = fixturePackage(manifest, '# thing\n\nIt does things.\n')
    expect(readmeProblems(prose.root, prose.pkg)).toEqual([
      '@vodup/thing: README.md has no example that imports the package',
    ])
    const good = fixturePackage(
      manifest,
      "# thing\n\n```ts\nimport { thing } from '@vodup/thing'\n```\n",
    )
    expect(readmeProblems(good.root, good.pkg)).toEqual([])
  })

  it('of a command-line package may run the command instead', () => {
    const manifest = { name: '@vodup/thing', bin: { 'vodup-thing': './dist/cli.js' } }
    const good = fixturePackage(manifest, '```sh\nnpx vodup-thing --help\n```\n')
    expect(readmeProblems(good.root, good.pkg)).toEqual([])
  })
})

describe('links in the guides and example READMEs', () => {
  it('all lead to an existing file and heading', () => {
    const problems = linkedDocs(root).flatMap((file) => brokenLinks(root, file))
    expect(problems).toEqual([])
  })

  it('are reported when the file or the heading is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vodup-links-'))
    mkdirSync(join(dir, 'docs'))
    writeFileSync(
      join(dir, 'docs/a.md'),
      '# Title\n\n## Clock skew\n\nSee [b](b.md), [c](a.md#clock-skew), [d](a.md#nope).\n',
    )
    expect(brokenLinks(dir, 'docs/a.md')).toEqual([
      'docs/a.md: link to b.md: no such file',
      'docs/a.md: link to a.md#nope: no such heading',
    ])
  })

  it('use GitHub heading anchors', () => {
    expect(headingSlug('Step 4 (optional): move to createUploader')).toBe(
      'step-4-optional-move-to-createuploader',
    )
    expect(headingSlug('The known bugs, one by one')).toBe('the-known-bugs-one-by-one')
    expect(headingSlug('`uploadInfo`')).toBe('uploadinfo')
  })
})
