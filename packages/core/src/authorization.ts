import { UploadError } from './errors'
import { assertExtensions } from './file-extensions'
import type { FileExtensions } from './file-task'

/**
 * Temporary or permanent cloud credentials. They never leave the kernel except into request signing: not in
 * events, logs, errors or checkpoints.
 */
export interface Credentials {
  accessKeyId: string
  accessKeySecret: string
  /** STS token, sent as `x-oss-security-token`. */
  securityToken?: string
  /** When the credentials stop working (ms since epoch), if known; the kernel refreshes ahead of it. */
  expiresAt?: number
}

/** Where a file goes. */
export interface Destination {
  /** Service endpoint with scheme, e.g. `https://oss-cn-shanghai.aliyuncs.com` or `http://127.0.0.1:9000`. */
  endpoint: string
  bucket: string
  /** Object key, unencoded. */
  objectKey: string
  /** Region id, e.g. `cn-shanghai` (needed by V4 signing). */
  region?: string
  /** The endpoint is a custom domain bound to the bucket: no bucket in the host or path. */
  cname?: boolean
}

/** What an auth strategy hands the kernel for one file: credentials, a destination, and fields for the file. */
export interface Authorization {
  credentials: Credentials
  destination: Destination
  /**
   * Extension fields the file takes on with this destination (the VOD layer's `videoId`, `imageId`, `imageUrl`):
   * set on the file when the kernel adopts the destination, kept in its checkpoint and copied into its result.
   * Names of the file's own fields are refused (`AUTH_INVALID`).
   */
  extensions?: Partial<FileExtensions>
}

function requireText(value: unknown, field: string, optional = false): void {
  if (optional && value === undefined) return
  if (typeof value !== 'string' || value.length === 0) {
    throw new UploadError(
      'AUTH_INVALID',
      `The authorization's ${field} must be a non-empty string.`,
      { field },
    )
  }
}

/** Checks what an `authorize` or `tokenExpired` tap returned; throws `AUTH_INVALID` naming the bad field. */
export function assertAuthorization(value: unknown): asserts value is Authorization {
  if (typeof value !== 'object' || value === null) {
    throw new UploadError('AUTH_INVALID', 'The authorization must be an object.', {
      field: 'authorization',
    })
  }
  const auth = value as Partial<Authorization>
  if (typeof auth.credentials !== 'object' || auth.credentials === null) {
    throw new UploadError('AUTH_INVALID', 'The authorization has no credentials.', {
      field: 'credentials',
    })
  }
  if (typeof auth.destination !== 'object' || auth.destination === null) {
    throw new UploadError('AUTH_INVALID', 'The authorization has no destination.', {
      field: 'destination',
    })
  }
  const { credentials, destination } = auth
  requireText(credentials.accessKeyId, 'credentials.accessKeyId')
  requireText(credentials.accessKeySecret, 'credentials.accessKeySecret')
  requireText(credentials.securityToken, 'credentials.securityToken', true)
  if (
    credentials.expiresAt !== undefined &&
    (typeof credentials.expiresAt !== 'number' || !Number.isFinite(credentials.expiresAt))
  ) {
    throw new UploadError('AUTH_INVALID', 'credentials.expiresAt must be a time in ms.', {
      field: 'credentials.expiresAt',
    })
  }
  requireText(destination.endpoint, 'destination.endpoint')
  if (!/^https?:\/\/[^/?#]+/i.test(destination.endpoint)) {
    throw new UploadError(
      'AUTH_INVALID',
      `destination.endpoint must be an http(s) URL; got "${destination.endpoint}".`,
      { field: 'destination.endpoint' },
    )
  }
  requireText(destination.bucket, 'destination.bucket')
  requireText(destination.objectKey, 'destination.objectKey')
  requireText(destination.region, 'destination.region', true)
  if (auth.extensions !== undefined) assertExtensions(auth.extensions, 'extensions')
}

/** True when two destinations name the same object. */
export function sameDestination(a: Destination, b: Destination): boolean {
  const host = (endpoint: string) => endpoint.replace(/\/+$/, '').toLowerCase()
  return (
    host(a.endpoint) === host(b.endpoint) && a.bucket === b.bucket && a.objectKey === b.objectKey
  )
}
