import { toUploadError, UploadError } from './errors'
import type { FileTask } from './file-task'
import { createHooks, type LogRecord, type UploaderHooks } from './hooks'
import { getHeader, type HttpRequest, type HttpResponse } from './http'
import type { Kernel } from './kernel'
import type { ResolvedUploaderOptions, UploaderOptions } from './options'
import { type RetryPolicy, singleAttempt } from './retry-policy'
import type { RequestInfo, RequestSigner, Target } from './target'
import type { Transport } from './transport'
import type { Uploader } from './uploader'

type SyncCallable<A extends unknown[]> = { call(...args: A): unknown }

/** The kernel behind an uploader: providers, hooks, and the request path shared by targets and plugins. */
export class KernelHost implements Kernel {
  readonly hooks: UploaderHooks = createHooks()
  private providedTransport: Transport | undefined
  private providedTarget: Target | undefined
  private policy: RetryPolicy = singleAttempt
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
    this.notify(
      this.hooks.response,
      undefined,
      {
        status: response.status,
        requestId:
          getHeader(response.headers, 'x-oss-request-id') ??
          getHeader(response.headers, 'x-acs-request-id'),
        headers: response.headers,
        durationMs: Date.now() - started,
      },
      info,
    )
    return response
  }

  log(
    level: LogRecord['level'],
    message: string,
    data: Omit<LogRecord, 'level' | 'message'> = {},
  ): void {
    if (!this.hooks.log.isUsed()) return
    try {
      this.hooks.log.call({ level, message, ...data })
    } catch {
      // A failing logger must not break an upload.
    }
  }

  /** Calls a notification hook; a tap that throws is reported as a warning, never breaks the upload. */
  notify<A extends unknown[]>(hook: SyncCallable<A>, file: FileTask | undefined, ...args: A): void {
    try {
      hook.call(...args)
    } catch (error) {
      const problem = toUploadError(error)
      this.log('error', `A hook tap threw: ${problem.message}`, { fileId: file?.id })
      if ((hook as unknown) !== this.hooks.warning) {
        try {
          this.hooks.warning.call(problem, file)
        } catch {
          // Already logged.
        }
      }
    }
  }
}
