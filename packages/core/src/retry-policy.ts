import type { CancelSignal } from './cancel'
import type { UploadError } from './errors'
import type { FileTask } from './file-task'

/** One failed attempt, as a retry policy judges it. */
export interface RetryFailure {
  readonly error: UploadError
  /** The attempt that failed, from 1. */
  readonly attempt: number
  /**
   * Failures in a row since the file last made progress (a part acknowledged), from 1. A policy counts its budget
   * and its backoff in it, so a long upload that keeps moving never runs out of retries.
   */
  readonly streak: number
  /** Protocol operation, e.g. `UploadPart`, `CreateUploadVideo`. */
  readonly operation: string
  readonly partNumber?: number
  readonly fileId: string
}

/** A retry policy's answer: whether to try again, and how long to wait first. */
export interface RetryDecision {
  readonly retry: boolean
  /** Also given when `retry` is false: a `shouldRetry` tap that retries anyway waits this long. */
  readonly delayMs: number
}

/**
 * Decides about retries; the kernel runs the attempts, asks `shouldRetry` taps (which may overrule the policy),
 * reports each retry on the `retry` hook and waits. `@vodup/retry` provides a policy; without one nothing is
 * retried. `TOKEN_EXPIRED` never reaches a policy: the kernel refreshes the credentials instead.
 */
export interface RetryPolicy {
  decide(failure: RetryFailure): RetryDecision
}

/** The default policy: no retry. */
export const noRetry: RetryPolicy = {
  decide: () => ({ retry: false, delayMs: 0 }),
}

/** One retry about to happen, as the `shouldRetry` and `retry` hooks report it. */
export interface RetryAttempt {
  readonly fileId: string
  readonly operation: string
  readonly partNumber?: number
  /** The attempt that failed, from 1. */
  readonly attempt: number
  /** How long the kernel waits before the next attempt. */
  readonly delayMs: number
  readonly error: UploadError
}

/** What `kernel.runWithRetry` needs to know about an operation. */
export interface OperationInfo {
  /** Protocol operation, e.g. `CreateUploadVideo`; it names the operation in `retry` reports and logs. */
  readonly operation: string
  /** The file the operation is for. */
  readonly file: FileTask
  readonly partNumber?: number
  /** Ends the operation: no retry after it aborted, and the wait before a retry stops. Default: never. */
  readonly signal?: CancelSignal
}
