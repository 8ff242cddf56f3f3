import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { apiEntries, typesFiles } from './entries.mjs'

function write(root, file, text) {
  mkdirSync(join(root, file, '..'), { recursive: true })
  writeFileSync(join(root, file), text)
}

const conditional = (name) => ({
  import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
  require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
})

function fixtureRepo() {
  const root = mkdtempSync(join(tmpdir(), 'vodup-api-entries-'))
  write(
    root,
    'package.json',
    JSON.stringify({
      private: true,
      workspaces: ['packages/kernel', 'packages/layer', 'packages/own'],
    }),
  )
  write(
    root,
    'packages/kernel/package.json',
    JSON.stringify({
      name: '@x/kernel',
      version: '1.0.0',
      exports: {
        '.': conditional('index'),
        './package.json': './package.json',
        './testing': conditional('testing'),
      },
    }),
  )
  write(root, 'packages/kernel/dist/index.d.ts', 'export interface Slot {}\n')
  write(root, 'packages/kernel/dist/testing.d.ts', 'export declare const kit: 1\n')
  write(
    root,
    'packages/layer/package.json',
    JSON.stringify({
      name: '@x/layer',
      version: '1.0.0',
      exports: {
        '.': { node: conditional('node'), ...conditional('index') },
        './wx': conditional('index'),
        './node': conditional('node'),
      },
    }),
  )
  write(
    root,
    'packages/layer/dist/index.d.ts',
    "declare module '@x/kernel' {\n  interface Slot { id?: string }\n}\nexport {}\n",
  )
  write(root, 'packages/layer/dist/node.d.ts', 'export {}\n')
  write(
    root,
    'packages/own/package.json',
    JSON.stringify({ name: '@x/own', private: true, exports: { '.': './src/index.ts' } }),
  )
  return root
}

it('lists one entry per declaration file of each published package, with the subpaths that lead to it', () => {
  const entries = apiEntries(fixtureRepo())
  expect(
    entries.map(({ name, types, report, subpaths }) => [name, types, report, subpaths]),
  ).toEqual([
    ['@x/kernel', 'dist/index.d.ts', 'index', ['.']],
    ['@x/kernel', 'dist/testing.d.ts', 'testing', ['./testing']],
    ['@x/layer', 'dist/node.d.ts', 'node', ['.', './node']],
    ['@x/layer', 'dist/index.d.ts', 'index', ['.', './wx']],
  ])
})

it('reads a package that another entry augments in a program of its own', () => {
  const programs = apiEntries(fixtureRepo()).map(({ name, program }) => [name, program])
  expect(programs).toEqual([
    ['@x/kernel', '@x/kernel'],
    ['@x/kernel', '@x/kernel'],
    ['@x/layer', 'shared'],
    ['@x/layer', 'shared'],
  ])
})

it('asks for a build when a declaration file is missing', () => {
  const root = fixtureRepo()
  write(
    root,
    'packages/kernel/package.json',
    JSON.stringify({
      name: '@x/kernel',
      version: '1.0.0',
      exports: { './extra': conditional('extra') },
    }),
  )
  expect(() => apiEntries(root)).toThrow(
    '@x/kernel: dist/extra.d.ts is missing. Run `npm run build` first.',
  )
})

it('takes the ESM types of every condition but require', () => {
  expect(typesFiles('./dist/a.d.ts')).toEqual(['./dist/a.d.ts'])
  expect(typesFiles('./dist/a.js')).toEqual([])
  expect(typesFiles({ browser: conditional('web'), default: conditional('index') })).toEqual([
    './dist/web.d.ts',
    './dist/index.d.ts',
  ])
})
