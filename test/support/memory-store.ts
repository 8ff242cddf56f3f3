import type { KeyValueStore } from '@vodup/core'

/** A checkpoint store in memory, kept in `entries` (a new Map unless given), to look into after an upload. */
export function memoryStore(
  entries = new Map<string, string>(),
): KeyValueStore & { entries: Map<string, string> } {
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
