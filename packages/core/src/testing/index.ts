export type {
  ConformanceCase,
  ConformanceFiles,
  TransportConformanceOptions,
} from './conformance'
export { ConformanceFailure, transportConformance } from './conformance'
export type { MemoryAuth, MemoryAuthOptions } from './memory-auth'
export { memoryAuth } from './memory-auth'
export type { MemoryTarget, MemoryTargetOptions, TargetCall } from './memory-target'
export { memoryEtag, memoryTarget } from './memory-target'
export type { MemoryFileInput, MemoryTransport, MemoryTransportOptions } from './memory-transport'
export { memoryTransport } from './memory-transport'
