import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { checkStoreValue, type KeyValueStore, UploadError } from '@vodup/core'

/** A file name for a key: the key made safe for every file system, or its hash when too long. */
export function fileNameFor(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._-]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)
  if (safe.length <= 120) return `${safe}.json`
  return `${createHash('sha256').update(key).digest('hex')}.json`
}

function storageError(action: string, key: string, error: unknown): UploadError {
  const reason = error instanceof Error ? error.message : String(error)
  return new UploadError('STORAGE_ERROR', `Could not ${action} checkpoint "${key}": ${reason}`, {
    cause: error,
  })
}

/**
 * A checkpoint store on disk: one small JSON file per key under `directory` (created on first write, private to
 * the user). Writes are atomic (a temporary file renamed over the old one), so a crash never leaves half a
 * checkpoint. A value that names a secret field is refused.
 */
export function fileStore(directory: string): KeyValueStore {
  let ready: Promise<unknown> | undefined
  const pathOf = (key: string) => join(directory, fileNameFor(key))
  return {
    async get(key) {
      try {
        return await readFile(pathOf(key), 'utf8')
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined
        throw storageError('read', key, error)
      }
    },
    async set(key, value) {
      checkStoreValue(key, value)
      const path = pathOf(key)
      const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
      try {
        ready ??= mkdir(directory, { recursive: true, mode: 0o700 })
        await ready
        await writeFile(temporary, value, { mode: 0o600 })
        await rename(temporary, path)
      } catch (error) {
        ready = undefined
        await rm(temporary, { force: true }).catch(() => {})
        throw storageError('write', key, error)
      }
    },
    async remove(key) {
      try {
        await rm(pathOf(key), { force: true })
      } catch (error) {
        throw storageError('remove', key, error)
      }
    },
  }
}
