import type { Clock } from './clock.js'
import { RateLimiter } from './rate-limiter.js'

/** Answer the next `count` requests of an operation with this error instead of serving them. */
export interface FailNextFault {
  /** Operation name (`UploadPart`, `CreateUploadVideo`...); omit for any operation. */
  operation?: string
  /** How many requests fail. Default 1. */
  count?: number
  /** HTTP status, e.g. 503. */
  status: number
  /** Error code in the service's error body, e.g. `ServiceUnavailable`. */
  code: string
  /** Error message; a generic one when omitted. */
  message?: string
}

/** Destroy the connection of the next `count` requests once `afterBytes` bytes of their body arrived. */
export interface ResetConnectionFault {
  /** Operation name; omit for any operation. */
  operation?: string
  /** Request body bytes to accept before the reset; 0 resets as soon as the request arrives. */
  afterBytes: number
  /** How many requests are reset. Default 1. */
  count?: number
}

/**
 * Serve the next `count` requests of an operation in full (a part stored, an upload created or completed...), then
 * destroy the connection instead of sending the answer: the client cannot know that the server acted.
 */
export interface LoseAnswerFault {
  /** Operation name; omit for any operation. */
  operation?: string
  /** How many answers are lost. Default 1. */
  count?: number
}

/** Counted faults that affect UploadPart only. */
export interface CountFault {
  /** How many parts are affected. Default 1. */
  count?: number
}

/** Faults as one JSON-friendly object: the `faults` start option and the body of `POST /__vodup/faults`. */
export interface FaultSettings {
  /** Clear every fault first. */
  clear?: boolean
  /** Expire every token issued so far. */
  expireAllTokens?: boolean
  failNext?: FailNextFault | FailNextFault[]
  resetConnection?: ResetConnectionFault | ResetConnectionFault[]
  loseAnswer?: LoseAnswerFault | LoseAnswerFault[]
  /** Delay before each request is served, in ms (or `{ ms, operation }`); `null` or 0 removes it. */
  latency?: number | { ms: number; operation?: string } | null
  /** Bytes per second for request and response bodies (or `{ bytesPerSecond, operation }`); `null` removes it. */
  bandwidth?: number | { bytesPerSecond: number; operation?: string } | null
  /** Server clock offset from real time, in ms. */
  skewClock?: number
  corruptNextPart?: CountFault
  wrongEtagNext?: CountFault
}

/** What is in force right now (`GET /__vodup/faults`). */
export interface FaultState {
  failNext: (FailNextFault & { count: number })[]
  resetConnection: (ResetConnectionFault & { count: number })[]
  loseAnswer: (LoseAnswerFault & { count: number })[]
  latency: { ms: number; operation?: string } | null
  bandwidth: { bytesPerSecond: number; operation?: string } | null
  clockSkewMs: number
  corruptNextPart: number
  wrongEtagNext: number
}

type FailRule = FailNextFault & { count: number }
type ResetRule = ResetConnectionFault & { count: number }
type LoseRule = LoseAnswerFault & { count: number }

const matches = (rule: { operation?: string }, operation: string) =>
  rule.operation === undefined || rule.operation === operation

/** Uses up one count of the first rule for `operation`, removing it at zero; returns it, if any. */
function takeCounted<Rule extends { operation?: string; count: number }>(
  rules: Rule[],
  operation: string,
): Rule | undefined {
  const rule = rules.find((r) => matches(r, operation))
  if (!rule) return undefined
  rule.count--
  if (rule.count <= 0) rules.splice(rules.indexOf(rule), 1)
  return rule
}

/** Fault injection for a running emulator. Every method takes effect for the next request. */
export class FaultController {
  private failures: FailRule[] = []
  private resets: ResetRule[] = []
  private lostAnswers: LoseRule[] = []
  private latency: { ms: number; operation?: string } | null = null
  private bandwidth: {
    bytesPerSecond: number
    operation?: string
    limiterIn: RateLimiter
    limiterOut: RateLimiter
  } | null = null
  private corruptParts = 0
  private wrongEtags = 0

  /** @internal */
  constructor(
    private readonly clock: Clock,
    private readonly expireTokens: () => Promise<void>,
  ) {}

  /** Every STS and UploadAuth token issued so far is expired from now on (new ones are fine). */
  expireAllTokens(): Promise<void> {
    return this.expireTokens()
  }

  /** Fails the next `count` requests of `operation` with `status` and `code`, in that service's error format. */
  failNext(fault: FailNextFault): void {
    this.failures.push({ ...fault, count: fault.count ?? 1 })
  }

  /** Resets the connection of the next `count` requests of `operation` after `afterBytes` body bytes. */
  resetConnection(fault: ResetConnectionFault): void {
    this.resets.push({ ...fault, count: fault.count ?? 1 })
  }

  /** Serves the next `count` requests of `operation` in full, then destroys the connection instead of answering. */
  loseAnswer(fault: LoseAnswerFault = {}): void {
    this.lostAnswers.push({ ...fault, count: fault.count ?? 1 })
  }

  /** Delays every request (of `operation`, when given) by `ms` before serving it; 0 removes the delay. */
  setLatency(ms: number, operation?: string): void {
    this.latency = ms > 0 ? { ms, ...(operation ? { operation } : {}) } : null
  }

  /** Limits body transfer (of `operation`, when given) to `bytesPerSecond`, shared by all connections; `null` removes it. */
  setBandwidth(bytesPerSecond: number | null, operation?: string): void {
    this.bandwidth =
      bytesPerSecond && bytesPerSecond > 0
        ? {
            bytesPerSecond,
            ...(operation ? { operation } : {}),
            limiterIn: new RateLimiter(bytesPerSecond),
            limiterOut: new RateLimiter(bytesPerSecond),
          }
        : null
  }

  /** Sets the server clock to real time plus `ms` (negative: behind). Affects Date headers, skew checks and token expiry. */
  skewClock(ms: number): void {
    this.clock.setSkew(ms)
  }

  /** The next `count` UploadPart requests store bytes that differ from what was received (the ETag still matches what was sent). */
  corruptNextPart(fault: CountFault = {}): void {
    this.corruptParts += fault.count ?? 1
  }

  /** The next `count` UploadPart responses carry an ETag that is not the MD5 of the body. */
  wrongEtagNext(fault: CountFault = {}): void {
    this.wrongEtags += fault.count ?? 1
  }

  /** Removes every fault and the clock skew. Expired tokens stay expired. */
  clear(): void {
    this.failures = []
    this.resets = []
    this.lostAnswers = []
    this.latency = null
    this.bandwidth = null
    this.corruptParts = 0
    this.wrongEtags = 0
    this.clock.setSkew(0)
  }

  /** Applies a {@link FaultSettings} object, as the HTTP control endpoint does. */
  async apply(settings: FaultSettings): Promise<void> {
    if (settings.clear) this.clear()
    if (settings.expireAllTokens) await this.expireAllTokens()
    for (const fault of toList(settings.failNext)) this.failNext(fault)
    for (const fault of toList(settings.resetConnection)) this.resetConnection(fault)
    for (const fault of toList(settings.loseAnswer)) this.loseAnswer(fault)
    if (settings.latency !== undefined) {
      const latency = settings.latency
      if (latency === null || typeof latency === 'number') this.setLatency(latency ?? 0)
      else this.setLatency(latency.ms, latency.operation)
    }
    if (settings.bandwidth !== undefined) {
      const bandwidth = settings.bandwidth
      if (bandwidth === null || typeof bandwidth === 'number') this.setBandwidth(bandwidth)
      else this.setBandwidth(bandwidth.bytesPerSecond, bandwidth.operation)
    }
    if (settings.skewClock !== undefined) this.skewClock(settings.skewClock)
    if (settings.corruptNextPart) this.corruptNextPart(settings.corruptNextPart)
    if (settings.wrongEtagNext) this.wrongEtagNext(settings.wrongEtagNext)
  }

  /** A snapshot of the faults in force. */
  state(): FaultState {
    return {
      failNext: this.failures.map((f) => ({ ...f })),
      resetConnection: this.resets.map((r) => ({ ...r })),
      loseAnswer: this.lostAnswers.map((l) => ({ ...l })),
      latency: this.latency ? { ...this.latency } : null,
      bandwidth: this.bandwidth
        ? {
            bytesPerSecond: this.bandwidth.bytesPerSecond,
            ...(this.bandwidth.operation ? { operation: this.bandwidth.operation } : {}),
          }
        : null,
      clockSkewMs: this.clock.skew(),
      corruptNextPart: this.corruptParts,
      wrongEtagNext: this.wrongEtags,
    }
  }

  /** @internal The failure to answer this request with, if one is armed. */
  takeFailure(operation: string): FailNextFault | undefined {
    return takeCounted(this.failures, operation)
  }

  /** @internal True when this request's answer must be lost (counted once claimed). */
  takeLostAnswer(operation: string): boolean {
    return takeCounted(this.lostAnswers, operation) !== undefined
  }

  /** @internal Claims a connection reset for this request; give it back with {@link releaseReset} if it never triggers. */
  claimReset(operation: string): ResetConnectionFault | undefined {
    const rule = takeCounted(this.resets, operation)
    if (!rule) return undefined
    return { afterBytes: rule.afterBytes, ...(rule.operation ? { operation: rule.operation } : {}) }
  }

  /** @internal Returns an unused reset claim. */
  releaseReset(claim: ResetConnectionFault): void {
    this.resets.unshift({ ...claim, count: 1 })
  }

  /** @internal Delay for this request in ms. */
  latencyFor(operation: string): number {
    return this.latency && matches(this.latency, operation) ? this.latency.ms : 0
  }

  /** @internal Limiters for this request's bodies, if bandwidth is limited. */
  limitersFor(operation: string): { in: RateLimiter; out: RateLimiter } | undefined {
    const bandwidth = this.bandwidth
    if (!bandwidth || !matches(bandwidth, operation)) return undefined
    return { in: bandwidth.limiterIn, out: bandwidth.limiterOut }
  }

  /** @internal True when this part's stored bytes must be corrupted. */
  takeCorruptPart(): boolean {
    if (this.corruptParts <= 0) return false
    this.corruptParts--
    return true
  }

  /** @internal True when this part's ETag must be wrong. */
  takeWrongEtag(): boolean {
    if (this.wrongEtags <= 0) return false
    this.wrongEtags--
    return true
  }
}

function toList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
