export type { CorsController, CorsState } from './cors/cors-controller.js'
export { type CorsMethod, type CorsRule, DEFAULT_CORS_RULE } from './cors/cors-rule.js'
export {
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_TOKEN_TTL_SECONDS,
} from './defaults.js'
export type {
  BodyPadding,
  CountFault,
  FailNextFault,
  FaultSettings,
  FaultState,
  HostileListPartsFault,
  LoseAnswerFault,
  ResetConnectionFault,
  RewriteAnswerFault,
} from './fault-types.js'
export type { FaultController } from './faults.js'
export { OPERATIONS } from './operations.js'
export { printable } from './printable.js'
export type { RequestLogEntry } from './request-log.js'
export { startEmulator } from './start-emulator.js'
export type { MultipartUploadInfo } from './storage/object-store.js'
export type { Emulator, EmulatorOptions } from './types.js'
