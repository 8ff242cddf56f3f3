import type { NetworkFailure } from './api-types'
import { type CallbackOption, deliver } from './callbacks'
import type { LiveTask, NetworkCall, NetworkState } from './network-state'

/** A failure object as `wx.request` hands it to `fail`. */
export function networkFailure(errMsg: string, errno: number): NetworkFailure {
  return { errMsg, errno, exception: { reasons: [], retryCount: 0 }, useHttpDNS: false }
}

/** Parses a request URL and applies WeChat's checks; returns the URL or the failure to report. */
export function checkUrl(
  net: NetworkState,
  api: string,
  raw: unknown,
): { url: URL } | { failure: NetworkFailure } {
  let url: URL
  try {
    url = new URL(String(raw))
  } catch {
    return { failure: networkFailure(`${api}:fail invalid url "${String(raw)}"`, 600009) }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { failure: networkFailure(`${api}:fail invalid url "${String(raw)}"`, 600009) }
  }
  const domains = net.config.domains
  if (domains && !domains.includes(url.origin)) {
    return { failure: networkFailure(`${api}:fail url not in domain list`, 600002) }
  }
  return { url }
}

/**
 * One request or upload task: waits for a slot in the shared budget, runs, and settles exactly once (success,
 * failure, timeout, abort, or a kill from hide or a network change). Callbacks are always asynchronous.
 */
export class NetworkTask<S> implements LiveTask {
  private settled = false
  private running = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private dequeue: () => void = () => {}
  private readonly cleanups: Array<() => void> = []

  constructor(
    private readonly net: NetworkState,
    private readonly api: 'request' | 'uploadFile',
    private readonly option: CallbackOption<S, NetworkFailure>,
    private readonly timeoutMs: number,
    readonly call: NetworkCall,
  ) {
    net.calls.push(call)
  }

  /** Starts `run` when a slot is free; fails at once while the app is hidden or offline. */
  start(run: () => void): void {
    if (this.net.lifecycle.hidden) {
      this.kill('interrupted', 600003)
      return
    }
    if (!this.net.lifecycle.online) {
      this.kill('-106:net::ERR_INTERNET_DISCONNECTED', 600000)
      return
    }
    this.dequeue = this.net.slots.acquire(() => {
      if (this.settled) {
        this.net.slots.release()
        return
      }
      if (this.net.lifecycle.hidden) {
        this.running = true
        this.kill('interrupted', 600003)
        return
      }
      this.running = true
      this.net.live.add(this)
      this.timer = setTimeout(() => this.kill('timeout', 5), this.timeoutMs)
      run()
    })
  }

  /** Registers what to tear down when the task ends early (destroy the socket). */
  onEnd(cleanup: () => void): void {
    this.cleanups.push(cleanup)
  }

  get done(): boolean {
    return this.settled
  }

  succeed(value: S): void {
    if (this.finish('ok')) deliver(this.option, { ok: true, value })
  }

  kill(text: string, errno: number): void {
    const errMsg = `${this.api}:fail ${text}`
    if (!this.finish(errMsg)) return
    deliver(this.option, { ok: false, error: networkFailure(errMsg, errno) })
  }

  abort(): void {
    this.kill('abort', 0)
  }

  private finish(outcome: string): boolean {
    if (this.settled) return false
    this.settled = true
    this.call.outcome = outcome
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.dequeue()
    if (this.running) {
      this.running = false
      this.net.live.delete(this)
      this.net.slots.release()
    }
    for (const cleanup of this.cleanups.splice(0)) cleanup()
    return true
  }
}
