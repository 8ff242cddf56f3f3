import { type FileTask, type Kernel, SyncHook, type UploadError } from '@vodup/core'

/** Why the plugin waits for the app. */
export interface CredentialRequest {
  /** `authorize`: a file's first credentials; `refresh`: they expired or are about to. */
  kind: 'authorize' | 'refresh'
  /** The expiry behind a refresh. */
  error?: UploadError
}

/**
 * Hooks of `auth-uploadauth`, for plugins that build on it (the VODUpload compat layer).
 *
 * | hook | tapable type | arguments | fires |
 * |---|---|---|---|
 * | `waitingForApp` | SyncHook | `FileTask`, `CredentialRequest` | the plugin has no answer for the file and waits for `supply` / `supplyRefresh` (app-answers mode only); an answer given synchronously inside a tap is received |
 */
export interface UploadAuthHooks {
  readonly waitingForApp: SyncHook<[FileTask, CredentialRequest]>
}

const hooksOfKernel = new WeakMap<Kernel, UploadAuthHooks>()

/** The `auth-uploadauth` hooks of a kernel, created on first use (by this plugin or one that taps them). */
export function getUploadAuthHooks(kernel: Kernel): UploadAuthHooks {
  let hooks = hooksOfKernel.get(kernel)
  if (!hooks) {
    hooks = Object.freeze({
      waitingForApp: new SyncHook<[FileTask, CredentialRequest]>(['file', 'request']),
    })
    hooksOfKernel.set(kernel, hooks)
  }
  return hooks
}
