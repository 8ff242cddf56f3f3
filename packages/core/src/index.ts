export type { Authorization, Credentials, Destination } from './authorization'
export { assertAuthorization, sameDestination } from './authorization'
export type { CancelController, CancelSignal } from './cancel'
export { createCancelController, NEVER_CANCELED, raceCancel, sleep } from './cancel'
export type { Checkpoint, PartRecord } from './checkpoint'
export { parseCheckpoint } from './checkpoint'
export { checkpointKey } from './checkpoint-keeper'
export type { TapFailure, TapFailurePolicy } from './contain-taps'
export { maskEchoedHeaders, secretValuesOf } from './echo-mask'
export {
  base64Decode,
  base64Encode,
  hexEncode,
  utf8Decode,
  utf8Encode,
} from './encoding'
export type { UploadErrorCode, UploadErrorDetails } from './errors'
export {
  isUploadError,
  MAX_ERROR_MESSAGE_LENGTH,
  toUploadError,
  UPLOAD_ERROR_CODES,
  UploadError,
} from './errors'
export { canTransition } from './file-state'
export type {
  AddFileOptions,
  FileExtensions,
  FileMeta,
  FileState,
  FileTask,
  ProgressSnapshot,
  UploadResult,
} from './file-task'
export { hashText } from './fingerprint'
export type {
  AddRequest,
  AuthorizeContext,
  CheckpointSavedEvent,
  CredentialsExpiredEvent,
  LogRecord,
  PartPlan,
  ResponseInfo,
  RunSummary,
  TokenExpiredContext,
  UploaderHooks,
} from './hooks'
export {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  createHooks,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from './hooks'
export type { FormUploadRequest, HttpMethod, HttpRequest, HttpResponse } from './http'
export { DEFAULT_MAX_RESPONSE_BYTES, getHeader, limitResponseBody, responseLimit } from './http'
export type { Kernel } from './kernel'
export type { ResolvedUploaderOptions, UploaderOptions } from './options'
export type { PlannedPart } from './part-plan'
export { fitPartSize, partRanges, planParts } from './part-plan'
export type { PluginInput, Preset, UploaderPlugin } from './plugin'
export { checkReadRange } from './read-range'
export type {
  OperationInfo,
  RetryAttempt,
  RetryDecision,
  RetryFailure,
  RetryPolicy,
} from './retry-policy'
export { noRetry } from './retry-policy'
export type {
  CompletedObject,
  FormSigner,
  PartUpload,
  RequestInfo,
  RequestSigner,
  Target,
  TargetContext,
  TargetLimits,
} from './target'
export type {
  Digests,
  FileIdentity,
  FileSource,
  KeyValueStore,
  PlatformEvents,
  Transport,
  TransportCapabilities,
} from './transport'
export type { Uploader } from './uploader'
export { createUploader } from './uploader'
