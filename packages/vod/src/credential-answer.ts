import type { CancelSignal, FileTask, UploadError } from '@vodup/core'
import type { CheckedStsToken } from './sts-token'
import type { DecodedAnswer } from './upload-auth-answer'

/**
 * What a credential source answers for a file: VOD's own answer (UploadAuth and UploadAddress, decoded), or STS
 * credentials with which the flow calls VOD itself.
 */
export type CredentialAnswer =
  | { kind: 'upload-auth'; decoded: DecodedAnswer }
  | { kind: 'sts'; token: CheckedStsToken }

/** Why a file needs credentials. */
export type CredentialReason =
  /** The file starts (or starts again after a stop or a failure). */
  | 'authorize'
  /** The OSS credentials VOD issued expired, or are about to. */
  | 'refresh'
  /** VOD refused the STS token the last answer gave as expired. */
  | 'token-expired'

/** One request for credentials, as a source sees it. */
export interface CredentialAsk {
  readonly file: FileTask
  readonly reason: CredentialReason
  /** The expiry behind `refresh`, VOD's refusal behind `token-expired`. */
  readonly error?: UploadError
  /** The STS token VOD refused (`token-expired`). */
  readonly refused?: CheckedStsToken
  /** The kernel's signal of the file's run: aborts when it ends (stop, cancel, failure, removal). */
  readonly signal: CancelSignal
}
