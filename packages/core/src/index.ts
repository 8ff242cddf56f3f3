/**
 * The vodup kernel: {@link createUploader}, the hooks and contracts that plugins (targets, transports, auth
 * strategies, observers) build on, and {@link UploadError}. Test kits: `@vodup/core/testing`; what vodup's own
 * tests and packages share beyond this, outside semver: `@vodup/core/internal`.
 *
 * @module
 */
export type { Authorization, Credentials, Destination } from './authorization'
export type { CancelController, CancelSignal } from './cancel'
export { createCancelController } from './cancel'
export type { Checkpoint, PartRecord } from './checkpoint'
export type {
  ContainableHook,
  RegisteredTap,
  TapFailure,
  TapFailurePolicy,
} from './contain-taps'
export { secretValuesOf } from './echo-mask'
export {
  base64Decode,
  base64Encode,
  hexEncode,
  utf8Decode,
  utf8Encode,
} from './encoding'
export type { UploadErrorCode, UploadErrorDetails } from './errors'
export { isUploadError, toUploadError, UPLOAD_ERROR_CODES, UploadError } from './errors'
export type {
  AddFileOptions,
  FileExtensions,
  FileMeta,
  FileState,
  FileTask,
  ProgressSnapshot,
  UploadResult,
} from './file-task'
export type {
  FullTap,
  Hook,
  HookCallback,
  HookInterceptor,
  SyncHookBase,
  TapOptions,
} from './hook-engine'
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
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from './hooks'
export type { FormUploadRequest, HttpMethod, HttpRequest, HttpResponse } from './http'
export { DEFAULT_MAX_RESPONSE_BYTES, getHeader, limitResponseBody, responseLimit } from './http'
export type { Kernel } from './kernel'
export type { ResolvedUploaderOptions, UploaderOptions } from './options'
export type { PluginInput, Preset, UploaderPlugin } from './plugin'
export { checkReadRange } from './read-range'
export type {
  OperationInfo,
  RetryAttempt,
  RetryDecision,
  RetryFailure,
  RetryPolicy,
} from './retry-policy'
export { checkStoreValue } from './store-value'
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
