import type { Credentials } from '@vodup/core'
import { authInvalid } from './auth-invalid'
import { decodeBase64Json, ownField } from './base64-json'

/** What an UploadAuth holds, decoded and checked. */
export interface DecodedUploadAuth {
  /** Credentials for signing; `expiresAt` is always set. */
  credentials: Credentials & { securityToken: string; expiresAt: number }
  /** The VOD region the credentials belong to, e.g. `cn-shanghai`. */
  region: string
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/

function text(auth: Record<string, unknown>, key: string): string {
  const value = ownField(auth, key)
  if (typeof value !== 'string' || value.trim() === '') {
    throw authInvalid(
      `UploadAuth.${key}`,
      value === undefined ? 'is missing.' : 'must be a non-empty string.',
    )
  }
  return value
}

function lifetimeMs(auth: Record<string, unknown>): number | undefined {
  const value = ownField(auth, 'Expiration')
  if (value === undefined) return undefined
  const seconds =
    typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw authInvalid('UploadAuth.Expiration', 'must be a positive number of seconds.')
  }
  return seconds * 1000
}

function expiresAtUtc(auth: Record<string, unknown>): number | undefined {
  const value = ownField(auth, 'ExpireUTCTime')
  if (value === undefined) return undefined
  const time = typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(time)) {
    throw authInvalid('UploadAuth.ExpireUTCTime', 'must be an ISO-8601 instant.')
  }
  return time
}

/**
 * Decodes an UploadAuth (base64 JSON from CreateUploadVideo, RefreshUploadVideo or CreateUploadImage) and checks
 * every field. The expiry comes from `ExpireUTCTime` when present, else from `receivedAt` plus `Expiration`
 * seconds. Throws `AUTH_INVALID` whose `field` names the bad field, e.g. `UploadAuth.AccessKeySecret`.
 */
export function decodeUploadAuth(uploadAuth: unknown, receivedAt = Date.now()): DecodedUploadAuth {
  const auth = decodeBase64Json(uploadAuth, 'UploadAuth')
  const accessKeyId = text(auth, 'AccessKeyId')
  const accessKeySecret = text(auth, 'AccessKeySecret')
  const securityToken = text(auth, 'SecurityToken')
  const lifetime = lifetimeMs(auth)
  const absolute = expiresAtUtc(auth)
  if (lifetime === undefined && absolute === undefined) {
    throw authInvalid('UploadAuth.Expiration', 'is missing (and so is ExpireUTCTime).')
  }
  const region = text(auth, 'Region')
  if (!REGION.test(region)) {
    throw authInvalid('UploadAuth.Region', 'must be a region id such as cn-shanghai.')
  }
  return {
    credentials: {
      accessKeyId,
      accessKeySecret,
      securityToken,
      expiresAt: absolute ?? receivedAt + (lifetime as number),
    },
    region,
  }
}
