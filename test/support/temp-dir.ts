import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { perFile } from './per-file'

/** A temporary directory of a test. */
export interface TempDir {
  /** Its absolute path. */
  readonly dir: string
  /** The path of `name` in it. */
  path(name: string): string
  /** Writes `bytes` to `name` in it; returns the file's path. */
  write(name: string, bytes: Uint8Array): Promise<string>
}

async function makeTempDir(): Promise<TempDir & { remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vodup-test-'))
  const path = (name: string) => join(dir, name)
  return {
    dir,
    path,
    async write(name, bytes) {
      await writeFile(path(name), bytes)
      return path(name)
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}

/** A fresh temporary directory for the running test, removed when the test finishes. */
export async function testDir(): Promise<TempDir> {
  const made = await makeTempDir()
  onTestFinished(() => made.remove())
  return made
}

/**
 * A temporary directory shared by the tests of a file: made before the first test, removed after the last. Call it
 * at the top of the file; use it inside tests and hooks.
 */
export function useTempDir(): TempDir {
  const made = perFile('The directory of useTempDir()', makeTempDir, (dir) => dir.remove())
  return {
    get dir() {
      return made().dir
    },
    path: (name) => made().path(name),
    write: (name, bytes) => made().write(name, bytes),
  }
}
