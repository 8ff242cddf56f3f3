import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { workDir } from './helpers/files'
import { runProgram } from './helpers/run-cli'

const LAUNCHER = fileURLToPath(new URL('../bin/vodup.js', import.meta.url))

describe('the vodup launcher (the bin npm links)', () => {
  it('runs the built command', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    const run = await runProgram(process.execPath, [LAUNCHER, '--version'], {
      cwd: await workDir(),
    })
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(version)
  })

  it('says the installation is incomplete when there is neither a build nor a clone to build it in', async () => {
    const dir = await workDir()
    await mkdir(join(dir, 'bin'))
    await copyFile(LAUNCHER, join(dir, 'bin', 'vodup.js'))
    await copyFile(new URL('../package.json', import.meta.url), join(dir, 'package.json'))
    const run = await runProgram(process.execPath, [join(dir, 'bin', 'vodup.js'), '--version'], {
      cwd: dir,
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      'dist/cli.js is missing: this installation of @vodup/cli is incomplete',
    )
  })
})
