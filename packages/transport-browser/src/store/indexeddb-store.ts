import type { KeyValueStore } from '@vodup/core'
import { refuseSecrets, storageError } from './refuse-secrets'

/** Where checkpoints go in IndexedDB. */
export interface IndexedDbStoreOptions {
  /** Database name. Default `vodup`. */
  database?: string
  /** Object store name. Default `checkpoints`. */
  objectStore?: string
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** Opens (creating on first use) the database with its one object store. */
function openDatabase(factory: IDBFactory, database: string, objectStore: string) {
  const request = factory.open(database, 1)
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(objectStore)) {
      request.result.createObjectStore(objectStore)
    }
  }
  return settle(request)
}

/**
 * A checkpoint store in IndexedDB: survives reloads and browser restarts, is private to the page's origin, and
 * is written without blocking the page. Each key is one record; a value that names a secret field is refused.
 */
export function indexedDbStore(
  options: IndexedDbStoreOptions = {},
  factory: IDBFactory = globalThis.indexedDB,
): KeyValueStore {
  const database = options.database ?? 'vodup'
  const objectStore = options.objectStore ?? 'checkpoints'
  let opened: Promise<IDBDatabase> | undefined
  const run = async <T>(
    action: string,
    key: string,
    mode: IDBTransactionMode,
    operate: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    try {
      opened ??= openDatabase(factory, database, objectStore)
      const db = await opened.catch((error: unknown) => {
        opened = undefined
        throw error
      })
      const transaction = db.transaction(objectStore, mode)
      const result = await settle(operate(transaction.objectStore(objectStore)))
      if (mode === 'readwrite') {
        await new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => resolve()
          transaction.onerror = () => reject(transaction.error)
          transaction.onabort = () => reject(transaction.error)
        })
      }
      return result
    } catch (error) {
      throw storageError(action, key, error)
    }
  }
  return {
    async get(key) {
      const value = await run('read', key, 'readonly', (store) => store.get(key))
      return typeof value === 'string' ? value : undefined
    },
    async set(key, value) {
      refuseSecrets(key, value)
      await run('write', key, 'readwrite', (store) => store.put(value, key))
    },
    async remove(key) {
      await run('remove', key, 'readwrite', (store) => store.delete(key))
    },
  }
}
