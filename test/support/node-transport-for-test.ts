import {
  type NodeTransportOptions,
  type NodeTransportPlugin,
  nodeTransport,
} from '@vodup/transport-node'
import { testDir } from './temp-dir'

/**
 * @vodup/transport-node as an app sets it up, its checkpoints in a fresh directory of the running test (removed
 * when the test finishes) rather than in `~/.vodup`.
 */
export async function nodeTransportForTest(
  options: NodeTransportOptions = {},
): Promise<NodeTransportPlugin> {
  return nodeTransport({ checkpointDir: (await testDir()).dir, ...options })
}
