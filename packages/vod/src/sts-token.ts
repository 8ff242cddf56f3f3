import { UploadError } from '@vodup/core'

/** STS credentials from the app (its server calls AssumeRole). */
export interface StsTokenFields {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  /** When the token stops working: an ISO-8601 instant (as AssumeRole returns it), a `Date`, or ms since epoch. */
  expiration?: string | number | Date
}

/** The `Credentials` of an AssumeRole response, passed through unchanged. */
export interface AssumeRoleCredentials {
  AccessKeyId: string
  AccessKeySecret: string
  SecurityToken: string
  /** ISO-8601 instant. */
  Expiration?: string
}

/** STS credentials in vodup's field names or as AssumeRole returns them. */
export type StsToken = StsTokenFields | AssumeRoleCredentials

/** A checked STS token. */
export interface CheckedStsToken {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  /** ms since epoch, when known. */
  expiresAt?: number
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i

function invalid(field: string, problem: string): UploadError {
  return new UploadError('AUTH_INVALID', `STSToken.${field} ${problem}`, {
    field: `STSToken.${field}`,
  })
}

function own(record: Record<string, unknown>, camel: string): unknown {
  const pascal = camel[0].toUpperCase() + camel.slice(1)
  const has = (key: string) => Object.prototype.hasOwnProperty.call(record, key)
  return has(camel) ? record[camel] : has(pascal) ? record[pascal] : undefined
}

function text(record: Record<string, unknown>, field: string): string {
  const value = own(record, field)
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, value === undefined ? 'is missing.' : 'must be a non-empty string.')
  }
  return value
}

function expiry(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : typeof value === 'string' && ISO_INSTANT.test(value)
          ? Date.parse(value)
          : Number.NaN
  if (!Number.isFinite(time) || time <= 0) {
    throw invalid('expiration', 'must be an ISO-8601 instant, a Date or ms since epoch.')
  }
  return time
}

/** Checks STS credentials; throws `AUTH_INVALID` naming the bad field (`STSToken.securityToken`...). */
export function checkStsToken(value: unknown): CheckedStsToken {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UploadError(
      'AUTH_INVALID',
      'The STS token must be { accessKeyId, accessKeySecret, securityToken, expiration? }.',
      { field: 'STSToken' },
    )
  }
  const record = value as Record<string, unknown>
  const token: CheckedStsToken = {
    accessKeyId: text(record, 'accessKeyId'),
    accessKeySecret: text(record, 'accessKeySecret'),
    securityToken: text(record, 'securityToken'),
  }
  const expiresAt = expiry(own(record, 'expiration'))
  if (expiresAt !== undefined) token.expiresAt = expiresAt
  return token
}
