import { timingSafeEqual } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { Credential, CredentialStore } from '../credentials.js'
import { MAX_CLOCK_SKEW_MS } from '../defaults.js'
import { ossError } from './errors.js'
import { parseRequestTime } from './request-time.js'

/** What OSS authentication needs from the emulator. */
export interface OssAuthDeps {
  credentials: CredentialStore
  clock: Clock
  region: string
}

/** Constant-time string comparison. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Checks a temporary credential's token: present, the one issued with the key, not expired. */
export function checkSecurityToken(
  credential: Credential,
  token: string | undefined,
  deps: OssAuthDeps,
): void {
  if (credential.kind === 'account') return
  if (!token) throw ossError.invalidAccessKeyId(credential.accessKeyId)
  if (!sameText(token, credential.securityToken ?? '')) throw ossError.invalidSecurityToken()
  if (deps.credentials.isExpired(credential)) throw ossError.securityTokenExpired()
}

/** UploadAuth credentials may only touch their own object. */
export function checkScope(
  credential: Credential,
  bucket: string | undefined,
  key: string | undefined,
): void {
  const scope = credential.scope
  if (scope && (scope.bucket !== bucket || scope.key !== key)) throw ossError.accessDenied()
}

/** Refuses a missing date or one more than 15 minutes from server time (RequestTimeTooSkewed). */
export function checkRequestTime(dateValue: string | undefined, deps: OssAuthDeps): void {
  const requestTime = parseRequestTime(dateValue)
  if (Number.isNaN(requestTime)) {
    throw ossError.accessDenied('Authentication requires a valid Date or x-oss-date header.')
  }
  const now = deps.clock.now()
  if (Math.abs(requestTime - now) > MAX_CLOCK_SKEW_MS) {
    throw ossError.requestTimeTooSkewed(
      new Date(requestTime).toISOString(),
      new Date(now).toISOString(),
    )
  }
}
