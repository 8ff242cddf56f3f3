export { EXIT_CODES } from './exit-codes'
export { DEFAULT_EMULATOR_DATA_DIR, DEFAULT_EMULATOR_PORT, DEFAULT_JOBS } from './options/defaults'
export { parseCount, parseRate, parseSize } from './options/parse-size'
export type {
  OptionContext,
  RawUploadOptions,
  UploadDestination,
  UploadSettings,
  Verbosity,
} from './options/upload-options'
export { resolveUploadOptions } from './options/upload-options'
export type {
  DestinationKind,
  FileFailure,
  FileReport,
  ShownFile,
  SkippedReport,
} from './output/file-report'
export type {
  BatchPlan,
  BatchSummary,
  DestinationInfo,
  ResumeInfo,
  RetryInfo,
} from './output/reporter'
export type { CliContext } from './program'
export { runCli } from './program'
