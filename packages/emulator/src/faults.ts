import type { Clock } from './clock.js'
import {
  type CheckedSettings,
  checkBandwidth,
  checkCount,
  checkFailNext,
  checkHostileListParts,
  checkLatency,
  checkLoseAnswer,
  checkResetConnection,
  checkRewriteAnswer,
  checkSettings,
  checkSkew,
} from './fault-checks.js'
import type {
  CountFault,
  FailNextFault,
  FaultSettings,
  FaultState,
  HostileListPartsFault,
  LoseAnswerFault,
  ResetConnectionFault,
  RewriteAnswerFault,
} from './fault-types.js'
import { RateLimiter } from './rate-limiter.js'

type Counted<Fault> = Fault & { count: number }

const matches = (rule: { operation?: string }, operation: string) =>
  rule.operation === undefined || rule.operation === operation

/** Uses up one count of the first rule that `accepts` the request, removing it at zero; returns it, if any. */
function takeCounted<Rule extends { operation?: string; count: number }>(
  rules: Rule[],
  operation: string,
  accepts: (rule: Rule) => boolean = () => true,
): Rule | undefined {
  const rule = rules.find((r) => matches(r, operation) && accepts(r))
  if (!rule) return undefined
  rule.count--
  if (rule.count <= 0) rules.splice(rules.indexOf(rule), 1)
  return rule
}

/**
 * Fault injection for a running emulator. Every method takes effect for the next request, and checks its input
 * first: a bad field throws a `TypeError` or `RangeError` naming it, and nothing changes.
 */
export class FaultController {
  private failures: Counted<FailNextFault>[] = []
  private resets: Counted<ResetConnectionFault>[] = []
  private lostAnswers: Counted<LoseAnswerFault>[] = []
  private rewrites: Counted<RewriteAnswerFault>[] = []
  private listParts: (HostileListPartsFault & { left: number }) | null = null
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
    this.failures.push(checkFailNext(fault))
  }

  /** Resets the connection of the next `count` requests of `operation` after `afterBytes` body bytes. */
  resetConnection(fault: ResetConnectionFault): void {
    this.resets.push(checkResetConnection(fault))
  }

  /** Serves the next `count` requests of `operation` in full, then destroys the connection instead of answering. */
  loseAnswer(fault: LoseAnswerFault = {}): void {
    this.lostAnswers.push(checkLoseAnswer(fault))
  }

  /** Serves the next `count` requests of `operation` in full, then sends their answer changed as `fault` says. */
  rewriteAnswer(fault: RewriteAnswerFault): void {
    this.rewrites.push(checkRewriteAnswer(fault))
  }

  /** Makes ListParts answer as a hostile server would (`null` removes it). */
  hostileListParts(fault: HostileListPartsFault | null): void {
    this.listParts =
      fault === null
        ? null
        : (() => {
            const checked = checkHostileListParts(fault)
            return { ...checked, left: checked.count ?? Number.POSITIVE_INFINITY }
          })()
  }

  /** Delays every request (of `operation`, when given) by `ms` before serving it; 0 removes the delay. */
  setLatency(ms: number, operation?: string): void {
    const checked = checkLatency({ ms, ...(operation !== undefined ? { operation } : {}) })
    this.latency = checked.ms > 0 ? checked : null
  }

  /** Limits body transfer (of `operation`, when given) to `bytesPerSecond`, shared by all connections; `null` removes it. */
  setBandwidth(bytesPerSecond: number | null, operation?: string): void {
    const checked = checkBandwidth({
      bytesPerSecond: bytesPerSecond ?? 0,
      ...(operation !== undefined ? { operation } : {}),
    })
    this.bandwidth =
      checked.bytesPerSecond > 0
        ? {
            ...checked,
            limiterIn: new RateLimiter(checked.bytesPerSecond),
            limiterOut: new RateLimiter(checked.bytesPerSecond),
          }
        : null
  }

  /** Sets the server clock to real time plus `ms` (negative: behind). Affects Date headers, skew checks and token expiry. */
  skewClock(ms: number): void {
    this.clock.setSkew(checkSkew(ms))
  }

  /** The next `count` UploadPart requests store bytes that differ from what was received (the ETag still matches what was sent). */
  corruptNextPart(fault: CountFault = {}): void {
    this.corruptParts += checkCount(fault, 'corruptNextPart')
  }

  /** The next `count` UploadPart responses carry an ETag that is not the MD5 of the body. */
  wrongEtagNext(fault: CountFault = {}): void {
    this.wrongEtags += checkCount(fault, 'wrongEtagNext')
  }

  /** Removes every fault and the clock skew. Expired tokens stay expired. */
  clear(): void {
    this.failures = []
    this.resets = []
    this.lostAnswers = []
    this.rewrites = []
    this.listParts = null
    this.latency = null
    this.bandwidth = null
    this.corruptParts = 0
    this.wrongEtags = 0
    this.clock.setSkew(0)
  }

  /**
   * Applies a {@link FaultSettings} object, as the HTTP control endpoint does. Every field is checked before
   * anything changes.
   */
  async apply(settings: FaultSettings): Promise<void> {
    const checked: CheckedSettings = checkSettings(settings)
    if (checked.clear) this.clear()
    if (checked.expireAllTokens) await this.expireAllTokens()
    this.failures.push(...checked.failNext)
    this.resets.push(...checked.resetConnection)
    this.lostAnswers.push(...checked.loseAnswer)
    this.rewrites.push(...checked.rewriteAnswer)
    if (checked.latency) this.setLatency(checked.latency.ms, checked.latency.operation)
    if (checked.bandwidth)
      this.setBandwidth(checked.bandwidth.bytesPerSecond, checked.bandwidth.operation)
    if (checked.skewClock !== undefined) this.clock.setSkew(checked.skewClock)
    if (checked.corruptNextPart) this.corruptParts += checked.corruptNextPart
    if (checked.wrongEtagNext) this.wrongEtags += checked.wrongEtagNext
    if (checked.hostileListParts !== undefined) this.hostileListParts(checked.hostileListParts)
  }

  /** A snapshot of the faults in force. */
  state(): FaultState {
    const listParts = this.listParts
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
      rewriteAnswer: this.rewrites.map((r) => structuredClone(r)),
      hostileListParts: listParts
        ? {
            mode: listParts.mode,
            ...(listParts.parts !== undefined ? { parts: listParts.parts } : {}),
            ...(Number.isFinite(listParts.left) ? { count: listParts.left } : {}),
          }
        : null,
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

  /** @internal How to rewrite this request's answer, if a rewrite is armed for it (counted once claimed). */
  takeRewrite(operation: string, partNumber: number | undefined): RewriteAnswerFault | undefined {
    const rule = takeCounted(
      this.rewrites,
      operation,
      (r) => r.partNumber === undefined || r.partNumber === partNumber,
    )
    return rule && structuredClone(rule)
  }

  /** @internal The hostile ListParts answer to give, if one is armed (counted once claimed). */
  takeHostileListParts(): HostileListPartsFault | undefined {
    const fault = this.listParts
    if (!fault) return undefined
    fault.left--
    if (fault.left <= 0) this.listParts = null
    return { mode: fault.mode, ...(fault.parts !== undefined ? { parts: fault.parts } : {}) }
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
