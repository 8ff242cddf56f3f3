import type { ContainableHook, TapFailurePolicy } from './contain-taps'
import type { LogRecord, UploaderHooks } from './hooks'
import type { HttpRequest, HttpResponse } from './http'
import type { ResolvedUploaderOptions, UploaderOptions } from './options'
import type { OperationInfo, RetryPolicy } from './retry-policy'
import type { RequestInfo, RequestSigner, Target } from './target'
import type { Transport } from './transport'
import type { Uploader } from './uploader'

/** What a plugin's `apply` receives. */
export interface Kernel {
  readonly hooks: UploaderHooks
  /** The options given to `createUploader` (validated, before defaults). */
  readonly userOptions: Readonly<UploaderOptions>
  /** The options in effect. Available from the `initialize` hook on. */
  readonly options: Readonly<ResolvedUploaderOptions>
  /** The uploader these plugins are applied to (for presets that wrap its API). */
  readonly uploader: Uploader
  /** Makes `transport` the platform. One transport per uploader. */
  provideTransport(transport: Transport): void
  /** Makes `target` the cloud protocol. One target per uploader. */
  provideTarget(target: Target): void
  /** Replaces the retry policy (default: one attempt). */
  provideRetryPolicy(policy: RetryPolicy): void
  /** The transport; throws `PLUGIN_MISSING` if no plugin provided one. */
  readonly transport: Transport
  /** The target; throws `PLUGIN_MISSING` if no plugin provided one. */
  readonly target: Target
  /** The retry policy in effect. */
  readonly retryPolicy: RetryPolicy
  /** Sends a request through the `request` hook, `sign`, the transport and the `response` hook. */
  send(request: HttpRequest, info: RequestInfo, sign?: RequestSigner): Promise<HttpResponse>
  /**
   * Runs a plugin's own operation (a VOD OpenAPI call) as the kernel runs parts: under the retry policy, with
   * `shouldRetry` asked and each retry reported on `retry` and `log`, waits cut short by `info.signal`. Resolves
   * with the first success; rejects with the failure that was not retried.
   */
  runWithRetry<T>(info: OperationInfo, action: (attempt: number) => Promise<T>): Promise<T>
  /**
   * Makes a plugin's own hook contain its taps as the kernel's hooks do (`report` for notification hooks,
   * `throw` for decision hooks; see {@link TapFailurePolicy}), reporting on this kernel's `warning` and `log`.
   * `name` names the hook in reports, e.g. `auth-sts:waitingForApp`. Returns the hook.
   */
  containTaps<H extends ContainableHook>(name: string, hook: H, policy?: TapFailurePolicy): H
  /** True when a plugin of that name is applied. */
  hasPlugin(name: string): boolean
  /** Emits a `log` record. */
  log(level: LogRecord['level'], message: string, data?: Omit<LogRecord, 'level' | 'message'>): void
}
