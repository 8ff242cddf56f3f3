export {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_TOKEN_TTL_SECONDS,
} from './defaults.js'
export type {
  CountFault,
  FailNextFault,
  FaultController,
  FaultSettings,
  FaultState,
  LoseAnswerFault,
  ResetConnectionFault,
} from './faults.js'
export type { RequestLogEntry } from './request-log.js'
export { startEmulator } from './start-emulator.js'
export type { MultipartUploadInfo } from './storage/object-store.js'
export type { Emulator, EmulatorOptions } from './types.js'
