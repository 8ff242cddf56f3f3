import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { Lifecycle } from './lifecycle'
import { RequestSlots } from './request-slots'

/** How response header names reach the caller: as the server sent them, lower-cased, or with `ETag` as `Etag`. */
export type HeaderCase = 'asSent' | 'lower' | 'canonical-Etag'

/** Network settings of the double. */
export interface NetworkConfig {
  /** Concurrent task budget shared by request and uploadFile. Default 10. */
  maxConcurrent: number
  /** Timeout when the call gives none. Default 60000 (WeChat's). */
  defaultTimeoutMs: number
  /** Longest timeout honoured. Default 60000. */
  maxTimeoutMs: number
  /** How long after `hide()` running tasks are killed with `interrupted`. Default 5000. */
  hideKillDelayMs: number
  headerCase: HeaderCase
  /** Allowed origins (`https://host[:port]`); when set, other URLs fail with errno 600002. */
  domains?: readonly string[]
  /** The fixed Referer WeChat sends. */
  referer: string
}

/** A network task the double can fail from outside (hide, network change). */
export interface LiveTask {
  kill(text: string, errno: number): void
}

/** One network call, as the double's log keeps it. */
export interface NetworkCall {
  api: 'request' | 'uploadFile'
  method: string
  url: string
  /** Request headers as sent. */
  headers: Record<string, string>
  /** Body bytes sent (file plus form framing for uploadFile). */
  bodyBytes: number
  /** `ok`, or the errMsg of the failure. */
  outcome?: string
  statusCode?: number
}

/** What the request and uploadFile doubles share. */
export class NetworkState {
  readonly slots: RequestSlots
  readonly live = new Set<LiveTask>()
  readonly calls: NetworkCall[] = []
  readonly httpAgent = new HttpAgent({ keepAlive: true })
  readonly httpsAgent = new HttpsAgent({ keepAlive: true })
  private killTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    readonly config: NetworkConfig,
    readonly lifecycle: Lifecycle,
  ) {
    this.slots = new RequestSlots(config.maxConcurrent)
  }

  /** After the app is hidden, running tasks die once the kill delay passed. */
  scheduleKill(): void {
    this.cancelKill()
    this.killTimer = setTimeout(() => {
      this.killTimer = undefined
      this.killAll('interrupted', 600003)
    }, this.config.hideKillDelayMs)
  }

  cancelKill(): void {
    if (this.killTimer !== undefined) clearTimeout(this.killTimer)
    this.killTimer = undefined
  }

  killAll(text: string, errno: number): void {
    for (const task of [...this.live]) task.kill(text, errno)
  }

  dispose(): void {
    this.cancelKill()
    this.killAll('abort', 0)
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
  }
}

/** The text of a failure caused by a Node socket error, in the style of WeChat's Android client. */
export function socketErrorText(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return '-101:net::ERR_CONNECTION_RESET'
    case 'ECONNREFUSED':
      return '-102:net::ERR_CONNECTION_REFUSED'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return '-105:net::ERR_NAME_NOT_RESOLVED'
    default:
      return '-2:net::ERR_FAILED'
  }
}

/** Header names as the caller sees them: pairs from Node's `rawHeaders`, in the configured case. */
export function responseHeaders(
  rawHeaders: string[],
  headerCase: HeaderCase,
): { header: Record<string, string>; cookies: string[] } {
  const header: Record<string, string> = {}
  const cookies: string[] = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const sent = rawHeaders[i]
    const value = rawHeaders[i + 1]
    if (sent.toLowerCase() === 'set-cookie') cookies.push(value)
    const name =
      headerCase === 'lower'
        ? sent.toLowerCase()
        : headerCase === 'canonical-Etag' && sent.toLowerCase() === 'etag'
          ? 'Etag'
          : sent
    header[name] = name in header ? `${header[name]}, ${value}` : value
  }
  return { header, cookies }
}

/** A `RequestProfile` with the few timings the double knows. */
export function profileOf(url: URL, started: number, sent: number, received: number) {
  const now = Date.now()
  const profile: WechatMiniprogram.RequestProfile = {
    SSLconnectionEnd: 0,
    SSLconnectionStart: 0,
    connectEnd: started,
    connectStart: started,
    domainLookUpEnd: started,
    domainLookUpStart: started,
    downstreamThroughputKbpsEstimate: 0,
    estimate_nettype: 0,
    fetchStart: started,
    httpDNSDomainLookUpEnd: 0,
    httpDNSDomainLookUpStart: 0,
    httpRttEstimate: 0,
    invokeStart: started,
    peerIP: url.hostname,
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    protocol: 'http/1.1',
    queueEnd: started,
    queueStart: started,
    receivedBytedCount: received,
    redirectEnd: 0,
    redirectStart: 0,
    requestEnd: now,
    requestStart: started,
    responseEnd: now,
    responseStart: now,
    rtt: 0,
    sendBytesCount: sent,
    socketReused: false,
    throughputKbps: 0,
    transportRttEstimate: 0,
    usingHighPerformanceMode: false,
  }
  return profile
}
