import type { KeyValueStore } from '@vodup/core'
import { refuseSecrets, storageError } from './refuse-secrets'

/** A checkpoint store in `localStorage` (synchronous, about 5 MB per origin): the fallback without IndexedDB. */
export function localStorageStore(storage: Storage = globalThis.localStorage): KeyValueStore {
  return {
    async get(key) {
      try {
        return storage.getItem(key) ?? undefined
      } catch (error) {
        throw storageError('read', key, error)
      }
    },
    async set(key, value) {
      refuseSecrets(key, value)
      try {
        storage.setItem(key, value)
      } catch (error) {
        throw storageError('write', key, error)
      }
    },
    async remove(key) {
      try {
        storage.removeItem(key)
      } catch (error) {
        throw storageError('remove', key, error)
      }
    },
  }
}
