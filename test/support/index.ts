export type { LoggedRequest } from './acknowledged-parts'
export { acknowledgedParts } from './acknowledged-parts'
export { afterPart } from './after-part'
export type { AppServer, StsCredentials, VodUploadAnswer } from './app-server'
export { appServer } from './app-server'
export type {
  BrowserPage,
  BrowserPageOptions,
  ChromiumOptions,
  PageRoute,
  PageServer,
} from './browser'
export {
  bundlePageScript,
  CHROMIUM_FLAGS,
  chromiumFlags,
  chromiumPath,
  launchChromium,
  pageHtml,
  startPageServer,
  useBrowserPage,
} from './browser'
export type { CallbackCall } from './callback-recorder'
export { callbackSequence, recordCallbacks, untilCalled } from './callback-recorder'
export type { EmulatorAuthOptions } from './emulator-auth'
export { emulatorAuth } from './emulator-auth'
export { localhostTls } from './localhost-tls'
export type { LoggingProxy, LoggingProxyOptions, ProxiedRequest } from './logging-proxy'
export { loggingProxy } from './logging-proxy'
export { memoryStore } from './memory-store'
export type { MiniProgramGlobals } from './miniprogram-vm'
export {
  bundleForMiniProgram,
  createMiniProgramContext,
  loadInMiniProgram,
  runInMiniProgram,
} from './miniprogram-vm'
export { nodeTransportForTest } from './node-transport-for-test'
export { patternBytes } from './pattern-bytes'
export { perFile } from './per-file'
export { resentParts, watchResends } from './resends'
export { sameBytes } from './same-bytes'
export { KiB, MiB } from './sizes'
export type { TempDir } from './temp-dir'
export { testDir, useTempDir } from './temp-dir'
export { until } from './until'
export {
  addressFields,
  authFields,
  encodeJson,
  uploadAddressFor,
  uploadAuthFor,
} from './upload-auth-strings'
export { uploadErrorOf, uploadErrorThrownBy } from './upload-error-of'
export { useEmulator } from './use-emulator'
