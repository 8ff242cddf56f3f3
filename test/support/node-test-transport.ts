import { nodeTransport } from '@vodup/transport-node'

/**
 * @deprecated Use `nodeTransport({ checkpointDir })` from @vodup/transport-node, or {@link appServer} to call VOD
 * and STS. Left only for test/faults/support/app-server.ts; remove it once that file uses `appServer`.
 */
export function nodeTestTransport(storage = new Map<string, string>()) {
  const plugin = nodeTransport({
    store: {
      get: async (key) => storage.get(key),
      set: async (key, value) => {
        storage.set(key, value)
      },
      remove: async (key) => {
        storage.delete(key)
      },
    },
  })
  return Object.assign(plugin, { storage })
}
