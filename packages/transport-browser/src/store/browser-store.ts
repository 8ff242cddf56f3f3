import type { KeyValueStore } from '@vodup/core'
import { type IndexedDbStoreOptions, indexedDbStore } from './indexeddb-store'
import { localStorageStore } from './local-storage-store'
import { refuseSecrets } from './refuse-secrets'

/** A store that keeps no checkpoint, for pages without any storage (sandboxed frames). */
const NO_STORE: KeyValueStore = {
  get: async () => undefined,
  set: async () => {},
  remove: async () => {},
}

function hasLocalStorage(): boolean {
  try {
    return typeof globalThis.localStorage !== 'undefined' && globalThis.localStorage !== null
  } catch {
    return false // a sandboxed frame throws on the mere access
  }
}

/**
 * The page's checkpoint store: IndexedDB where the page has it, otherwise `localStorage`, otherwise none (the
 * upload works, without resume after a reload). IndexedDB can exist and still refuse to open (some private
 * modes): the first refusal moves the store to `localStorage` for good.
 */
export function browserStore(options: IndexedDbStoreOptions = {}): KeyValueStore {
  const fallback = hasLocalStorage() ? localStorageStore() : NO_STORE
  if (typeof globalThis.indexedDB === 'undefined') return fallback
  const primary = indexedDbStore(options)
  let current: KeyValueStore | undefined
  const pick = async <T>(operate: (store: KeyValueStore) => Promise<T>): Promise<T> => {
    if (current) return operate(current)
    try {
      const result = await operate(primary)
      current = primary
      return result
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'STORAGE_ERROR') throw error
      current = fallback
      return operate(fallback)
    }
  }
  return {
    get: (key) => pick((store) => store.get(key)),
    set: async (key, value) => {
      refuseSecrets(key, value) // before picking: a refused value says nothing about IndexedDB
      await pick((store) => store.set(key, value))
    },
    remove: (key) => pick((store) => store.remove(key)),
  }
}
