import {
  type ContainableHook,
  containTaps,
  type TapFailure,
  type TapFailurePolicy,
} from './contain-taps'
import { maskEchoedHeaders, secretFieldValuesOf, secretValuesOf } from './echo-mask'
import { UploadError } from './errors'
import { FileRecord } from './file-record'
import type { FileTask } from './file-task'
import { createHooks, type LogRecord, type UploaderHooks } from './hooks'
import { type FormUploadRequest, getHeader, type HttpRequest, type HttpResponse } from './http'
import type { Kernel } from './kernel'
import type { ResolvedUploaderOptions, UploaderOptions } from './options'
import { noRetry, type OperationInfo, type RetryPolicy } from './retry-policy'
import { runWithRetry } from './run-with-retry'
import type { FormSigner, RequestInfo, RequestSigner, Target } from './target'
import type { Transport } from './transport'
import type { Uploader } from './uploader'

const isFile = (value: unknown): value is FileTask => value instanceof FileRecord

/** The kernel behind an uploader: providers, hooks, and the request path shared by targets and plugins. */
export class KernelHost implements Kernel {
  readonly hooks: UploaderHooks = createHooks((failure) => this.reportTapFailure(failure), isFile)
  private providedTransport: Transport | undefined
  private providedTarget: Target | undefined
  private policy: RetryPolicy = noRetry
  private resolved: ResolvedUploaderOptions | undefined
  readonly pluginNames = new Set<string>()

  constructor(
    readonly userOptions: Readonly<UploaderOptions>,
    readonly uploader: Uploader,
  ) {}

  get options(): ResolvedUploaderOptions {
    if (!this.resolved) {
      throw new UploadError(
        'INVALID_STATE',
        'Uploader options are resolved after every plugin applied.',
      )
    }
    return this.resolved
  }

  setResolvedOptions(options: ResolvedUploaderOptions): void {
    this.resolved = options
  }

  provideTransport(transport: Transport): void {
    if (this.providedTransport) {
      throw new UploadError(
        'PLUGIN_CONFLICT',
        `Two transports: "${this.providedTransport.name}" and "${transport.name}". Use one.`,
      )
    }
    this.providedTransport = transport
  }

  provideTarget(target: Target): void {
    if (this.providedTarget) {
      throw new UploadError(
        'PLUGIN_CONFLICT',
        `Two targets: "${this.providedTarget.name}" and "${target.name}". Use one.`,
      )
    }
    this.providedTarget = target
  }

  provideRetryPolicy(policy: RetryPolicy): void {
    this.policy = policy
  }

  get transport(): Transport {
    if (!this.providedTransport) {
      throw new UploadError(
        'PLUGIN_MISSING',
        'No transport: add one plugin such as nodeTransport() from @vodup/transport-node or wxTransport() from @vodup/transport-wx.',
      )
    }
    return this.providedTransport
  }

  get target(): Target {
    if (!this.providedTarget) {
      throw new UploadError(
        'PLUGIN_MISSING',
        'No target: add one plugin such as ossTarget() from @vodup/target-oss.',
      )
    }
    return this.providedTarget
  }

  get retryPolicy(): RetryPolicy {
    return this.policy
  }

  hasPlugin(name: string): boolean {
    return this.pluginNames.has(name)
  }

  async send(request: HttpRequest, info: RequestInfo, sign?: RequestSigner): Promise<HttpResponse> {
    const prepared = await this.hooks.request.promise(request, info)
    const signed = sign ? await sign(prepared ?? request) : (prepared ?? request)
    const started = Date.now()
    const response = await this.transport.request(signed)
    this.observe(response, info, started, secretValuesOf(signed))
    return response
  }

  /**
   * A form upload on the request path of every other call: the `request` hook sees it as the `POST` it is (its
   * URL and headers, before the form is signed; a tap's URL and headers are kept), `sign` adds the signed fields,
   * the transport's `uploadForm` sends it, and the `response` hook sees the answer with echoed secrets masked.
   */
  async sendForm(
    request: FormUploadRequest,
    info: RequestInfo,
    sign?: FormSigner,
  ): Promise<HttpResponse> {
    const transport = this.transport
    if (!transport.uploadForm) {
      throw new UploadError('PLUGIN_MISSING', `Transport "${transport.name}" has no form upload.`)
    }
    const view: HttpRequest = {
      method: 'POST',
      url: request.url,
      headers: { ...request.headers },
      ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.maxResponseBytes !== undefined
        ? { maxResponseBytes: request.maxResponseBytes }
        : {}),
    }
    const prepared = (await this.hooks.request.promise(view, info)) ?? view
    const form: FormUploadRequest = { ...request, url: prepared.url, headers: prepared.headers }
    const signed = sign ? await sign(form) : form
    const started = Date.now()
    const response = await transport.uploadForm(signed)
    const secrets = [
      ...secretValuesOf({ url: signed.url, headers: signed.headers ?? {} }),
      ...secretFieldValuesOf(signed.fields),
    ]
    this.observe(response, info, started, secrets)
    return response
  }

  /** Runs the `response` hook: status, request id, headers with the request's echoed secrets masked, duration. */
  private observe(
    response: HttpResponse,
    info: RequestInfo,
    started: number,
    secrets: readonly string[],
  ): void {
    const requestIdHeader = info.requestIdHeader ?? this.providedTarget?.requestIdHeader
    this.hooks.response.call(
      {
        status: response.status,
        requestId: requestIdHeader ? getHeader(response.headers, requestIdHeader) : undefined,
        headers: maskEchoedHeaders(response.headers, secrets),
        durationMs: Date.now() - started,
      },
      info,
    )
  }

  runWithRetry<T>(info: OperationInfo, action: (attempt: number) => Promise<T>): Promise<T> {
    return runWithRetry(this, info, action)
  }

  containTaps<H extends ContainableHook>(
    name: string,
    hook: H,
    policy: TapFailurePolicy = 'report',
  ): H {
    return containTaps(hook, name, policy, (failure) => this.reportTapFailure(failure), isFile)
  }

  log(
    level: LogRecord['level'],
    message: string,
    data: Omit<LogRecord, 'level' | 'message'> = {},
  ): void {
    if (!this.hooks.log.isUsed()) return
    this.hooks.log.call({ level, message, ...data })
  }

  /** A tap threw in a hook that contains it: logged, and reported on `warning` unless `warning` itself threw. */
  private reportTapFailure({ hook, tap, error, file }: TapFailure): void {
    if (hook === 'log') return
    this.log('error', error.message, { fileId: file?.id, data: { hook, tap } })
    if (hook !== 'warning') this.hooks.warning.call(error, file)
  }
}
