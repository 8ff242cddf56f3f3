import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { attwTarball, publintTarball } from './check-tarball.mjs'
import { run } from './run.mjs'

/** Packs a tiny dual ESM/CommonJS package; `change` edits its manifest and files to break it. */
function packFixture(change = (pkg) => pkg) {
  const dir = mkdtempSync(join(tmpdir(), 'vodup-tarball-'))
  const files = {
    'dist/index.js': 'export const answer = 42\n',
    'dist/index.d.ts': 'export declare const answer: number\n',
    'dist/index.cjs': 'exports.answer = 42\n',
    'dist/index.d.cts': 'export declare const answer: number\n',
  }
  const manifest = change({
    manifest: {
      name: '@vodup-fixture/answer',
      version: '1.0.0',
      license: 'MIT',
      type: 'module',
      main: './dist/index.cjs',
      types: './dist/index.d.ts',
      exports: {
        '.': {
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
        './package.json': './package.json',
      },
      files: ['dist'],
    },
    files,
  }).manifest
  mkdirSync(join(dir, 'dist'))
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest))
  const { stdout } = run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: dir,
    capture: true,
  })
  return join(dir, JSON.parse(stdout)[0].filename)
}

describe('tarball checks', () => {
  it('pass a correct dual package', async () => {
    const tarball = packFixture()
    expect(await publintTarball(tarball)).toEqual([])
    expect(attwTarball(tarball)).toEqual([])
  })

  it('catch an export that points at a file the tarball lacks', async () => {
    const tarball = packFixture((fixture) => {
      fixture.manifest.exports['.'].require.default = './dist/missing.cjs'
      return fixture
    })
    const messages = await publintTarball(tarball)
    expect(
      messages.some((m) => m.type === 'error' && m.text.startsWith('FILE_DOES_NOT_EXIST')),
    ).toBe(true)
  })

  it('catch CommonJS types that are really ESM types', () => {
    const tarball = packFixture((fixture) => {
      fixture.manifest.exports['.'].require.types = './dist/index.d.ts'
      return fixture
    })
    expect(attwTarball(tarball).map((m) => m.text)).toContain(
      'FalseESM (/node_modules/@vodup-fixture/answer/dist/index.d.ts for /node_modules/@vodup-fixture/answer/dist/index.cjs)',
    )
  })
})
