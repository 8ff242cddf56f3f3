import type { KeyValueStore } from '@vodup/core'

/** A checkpoint store in memory; `entries` shows what it holds after an upload. */
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
