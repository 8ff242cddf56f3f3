import { isValidBucketName } from '../oss/addressing.js'
import { type CorsRule, DEFAULT_CORS_RULE, validateCorsRules } from './cors-rule.js'

/** The CORS configuration in force (`GET /__vodup/cors`). `null`: CORS not enabled. */
export interface CorsState {
  /** Rules of every bucket that has none of its own. */
  rules: CorsRule[] | null
  /** Buckets given their own rules. */
  buckets: Record<string, CorsRule[] | null>
}

const copy = (rules: readonly CorsRule[] | null): CorsRule[] | null =>
  rules === null ? null : validateCorsRules(rules)

/**
 * The buckets' CORS rules, as PutBucketCors would have set them: one list for every bucket, and lists for
 * single buckets. Changes apply from the next request on.
 */
export class CorsController {
  private rules: CorsRule[] | null
  private readonly buckets = new Map<string, CorsRule[] | null>()
  private readonly initial: CorsRule[] | null

  /** @internal */
  constructor(initial: readonly CorsRule[] | null | undefined) {
    this.initial = initial === undefined ? copy([DEFAULT_CORS_RULE]) : copy(initial)
    this.rules = copy(this.initial)
  }

  /**
   * Sets the CORS rules of `bucket`, or of every bucket without rules of its own when `bucket` is omitted.
   * `null` disables CORS there: every preflight is refused.
   */
  set(rules: readonly CorsRule[] | null, bucket?: string): void {
    const checked = rules === null ? null : validateCorsRules(rules)
    if (bucket === undefined) {
      this.rules = checked
      return
    }
    if (typeof bucket !== 'string' || !isValidBucketName(bucket))
      throw new TypeError(`bucket must be a valid bucket name, got ${JSON.stringify(bucket)}`)
    this.buckets.set(bucket, checked)
  }

  /** Back to the rules the emulator started with, for every bucket. */
  reset(): void {
    this.rules = copy(this.initial)
    this.buckets.clear()
  }

  /** @internal The rules that apply to `bucket`. */
  rulesFor(bucket: string | undefined): readonly CorsRule[] | null {
    if (bucket !== undefined && this.buckets.has(bucket)) return this.buckets.get(bucket)!
    return this.rules
  }

  /** A snapshot of the configuration. */
  state(): CorsState {
    return {
      rules: copy(this.rules),
      buckets: Object.fromEntries([...this.buckets].map(([name, rules]) => [name, copy(rules)])),
    }
  }
}
