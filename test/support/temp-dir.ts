import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, onTestFinished } from 'vitest'

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
  let made: (TempDir & { remove(): Promise<void> }) | undefined
  const current = () => {
    if (!made) throw new Error('useTempDir(): the directory exists only while the tests run.')
    return made
  }
  beforeAll(async () => {
    made = await makeTempDir()
  })
  afterAll(() => made?.remove())
  return {
    get dir() {
      return current().dir
    },
    path: (name) => current().path(name),
    write: (name, bytes) => current().write(name, bytes),
  }
}
