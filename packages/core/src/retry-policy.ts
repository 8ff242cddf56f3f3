import type { CancelSignal } from './cancel'
import type { UploadError } from './errors'
import type { FileTask } from './file-task'

/** The situation a retry policy decides in. */
export interface RetryContext {
  readonly file: FileTask
  /** Protocol operation, e.g. `UploadPart`. */
  readonly operation: string
  readonly partNumber?: number
  readonly signal: CancelSignal
  /** Grows whenever the file makes progress (a part acknowledged): a policy resets its attempt count then. */
  progressMark(): number
}

/** One retry about to happen, as the `retry` hook reports it. */
export interface RetryAttempt {
  readonly fileId: string
  readonly operation: string
  readonly partNumber?: number
  /** The attempt that failed, from 1. */
  readonly attempt: number
  /** How long the policy waits before the next attempt. */
  readonly delayMs: number
  readonly error: UploadError
}

/**
 * Runs an operation, retrying it as it sees fit. `@vodup/retry` provides one; without it every operation runs
 * once. A policy must not retry `TOKEN_EXPIRED` (the kernel refreshes credentials) nor errors after `signal`
 * aborted.
 */
export interface RetryPolicy {
  run<T>(attempt: (attemptNumber: number) => Promise<T>, context: RetryContext): Promise<T>
}

/** The default policy: one attempt. */
export const singleAttempt: RetryPolicy = {
  run: (attempt) => attempt(1),
}
