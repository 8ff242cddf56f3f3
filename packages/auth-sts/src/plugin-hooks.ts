import { type FileTask, type Kernel, SyncHook, type UploadError } from '@vodup/core'

/** Why the plugin waits for an STS token from the app. */
export interface TokenRequest {
  /**
   * `authorize`: a file starts; `refresh`: the OSS credentials VOD issued expired (or are about to);
   * `token-expired`: VOD refused the STS token itself (`InvalidSecurityToken.Expired`).
   */
  kind: 'authorize' | 'refresh' | 'token-expired'
  /** The error behind a `refresh` or `token-expired` request. */
  error?: UploadError
}

/**
 * Hooks of `auth-sts`, for plugins that build on it (the VODUpload compat layer).
 *
 * | hook | tapable type | arguments | fires |
 * |---|---|---|---|
 * | `waitingForApp` | SyncHook | `FileTask`, `TokenRequest` | the plugin has no STS token for the file and waits for `supplyToken` (app-answers mode only); a token given synchronously inside a tap is received |
 */
export interface StsHooks {
  readonly waitingForApp: SyncHook<[FileTask, TokenRequest]>
}

const hooksOfKernel = new WeakMap<Kernel, StsHooks>()

/** The `auth-sts` hooks of a kernel, created on first use (by this plugin or one that taps them). */
export function getStsHooks(kernel: Kernel): StsHooks {
  let hooks = hooksOfKernel.get(kernel)
  if (!hooks) {
    hooks = Object.freeze({
      waitingForApp: new SyncHook<[FileTask, TokenRequest]>(['file', 'request']),
    })
    hooksOfKernel.set(kernel, hooks)
  }
  return hooks
}
