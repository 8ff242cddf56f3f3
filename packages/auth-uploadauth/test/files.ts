import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KeyValueStore } from '@vodup/core'

/** Deterministic bytes that differ from part to part. */
export function patternBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return bytes
}

/** A temporary directory for one test file. */
export async function tempDir(): Promise<{
  write(name: string, bytes: Uint8Array): Promise<string>
  cleanup(): Promise<void>
}> {
  const dir = await mkdtemp(join(tmpdir(), 'vodup-auth-'))
  return {
    async write(name, bytes) {
      const path = join(dir, name)
      await writeFile(path, bytes)
      return path
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
}

/** A checkpoint store in memory, to look into after an upload. */
export function memoryStore(): KeyValueStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return {
    entries,
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value)
    },
    remove: async (key) => {
      entries.delete(key)
    },
  }
}
