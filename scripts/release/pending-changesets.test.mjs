import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { packagesWithChangesets } from './pending-changesets.mjs'

it('reads the packages that pending changesets release, whatever the quoting', () => {
  const root = mkdtempSync(join(tmpdir(), 'vodup-changesets-'))
  mkdirSync(join(root, '.changeset'))
  writeFileSync(join(root, '.changeset/README.md'), '---\n"@vodup/readme": minor\n---\n')
  writeFileSync(
    join(root, '.changeset/a.md'),
    "---\n'@vodup/core': minor\n---\n\nText: with a colon.\n",
  )
  writeFileSync(
    join(root, '.changeset/b.md'),
    '---\n"@vodup/retry": patch\n@vodup/cli: major\n---\n',
  )
  expect([...packagesWithChangesets(root)].sort()).toEqual([
    '@vodup/cli',
    '@vodup/core',
    '@vodup/retry',
  ])
})
