import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { run } from './run.mjs'
import { copyWorkspace } from './workspace-copy.mjs'

function write(root, file, text) {
  mkdirSync(join(root, file, '..'), { recursive: true })
  writeFileSync(join(root, file), text)
}

function fixtureRepo() {
  const root = mkdtempSync(join(tmpdir(), 'vodup-copy-src-'))
  write(
    root,
    'package.json',
    JSON.stringify({ private: true, workspaces: ['packages/a', 'examples/*'] }),
  )
  write(root, '.gitignore', 'node_modules/\ndist/\n')
  write(root, 'packages/a/package.json', JSON.stringify({ name: '@x/a', version: '1.0.0' }))
  write(root, 'packages/a/src/index.ts', 'export const a = 1\n')
  write(root, 'packages/a/dist/index.js', 'stale build\n')
  write(root, 'examples/demo/package.json', JSON.stringify({ name: '@x/demo', private: true }))
  write(root, 'node_modules/dep/index.js', 'module.exports = 1\n')
  write(root, 'examples/demo/node_modules/nested/index.js', 'module.exports = 2\n')
  mkdirSync(join(root, 'node_modules/@x'))
  symlinkSync('../../packages/a', join(root, 'node_modules/@x/a'))
  run('git', ['init', '-q'], { cwd: root, capture: true })
  run('git', ['add', 'package.json', '.gitignore', 'packages/a/package.json'], {
    cwd: root,
    capture: true,
  })
  return root
}

it('copies tracked and untracked files but no build output, and links node_modules into the copy', () => {
  const source = fixtureRepo()
  const before = readdirSync(source, { recursive: true }).sort()
  const destination = join(mkdtempSync(join(tmpdir(), 'vodup-copy-dst-')), 'repo')

  copyWorkspace(source, destination)

  expect(readFileSync(join(destination, 'packages/a/src/index.ts'), 'utf8')).toBe(
    'export const a = 1\n',
  )
  expect(existsSync(join(destination, 'packages/a/dist'))).toBe(false)
  // The workspace link points at the copy's package, so builds in the copy use the copy's output.
  expect(realpathSync(join(destination, 'node_modules/@x/a'))).toBe(
    realpathSync(join(destination, 'packages/a')),
  )
  // Installed dependencies are the originals, linked rather than copied.
  expect(lstatSync(join(destination, 'node_modules/dep')).isSymbolicLink()).toBe(true)
  expect(realpathSync(join(destination, 'node_modules/dep'))).toBe(
    realpathSync(join(source, 'node_modules/dep')),
  )
  expect(
    readFileSync(join(destination, 'examples/demo/node_modules/nested/index.js'), 'utf8'),
  ).toContain('2')
  // Writing in the copy leaves the source as it was.
  writeFileSync(join(destination, 'packages/a/package.json'), '{"version":"2.0.0"}')
  expect(readFileSync(join(source, 'packages/a/package.json'), 'utf8')).toContain('1.0.0')
  expect(readdirSync(source, { recursive: true }).sort()).toEqual(before)
})
