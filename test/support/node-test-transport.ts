import { nodeTransport } from '@vodup/transport-node'
import { memoryStore } from './memory-store'

/**
 * @deprecated Use `nodeTransport({ checkpointDir })` from @vodup/transport-node, or `appServer` (test support) to call VOD
 * and STS. Left only for test/faults/support/app-server.ts; remove it once that file uses `appServer`.
 */
export function nodeTestTransport(storage = new Map<string, string>()) {
  return Object.assign(nodeTransport({ store: memoryStore(storage) }), { storage })
}
