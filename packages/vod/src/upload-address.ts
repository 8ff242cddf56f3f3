import type { Destination } from '@vodup/core'
import { utf8Encode } from '@vodup/core'
import { authInvalid } from './auth-invalid'
import { decodeBase64Json, ownField } from './base64-json'

const WITH_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)\/*$/
const HOST_AND_PORT =
  /^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/
const LOCAL_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/

/**
 * An OSS endpoint as `scheme://host[:port]`. A bare host gets `https://`, except 127.0.0.1 and localhost, which
 * get `http://` (the local emulator). Returns undefined for anything else: another scheme, a path, a query.
 */
export function normalizeEndpoint(endpoint: string): string | undefined {
  const trimmed = endpoint.trim()
  const withScheme = WITH_SCHEME.exec(trimmed)
  if (withScheme) {
    const scheme = withScheme[1].toLowerCase()
    const host = withScheme[2]
    if ((scheme !== 'http' && scheme !== 'https') || !HOST_AND_PORT.test(host)) return undefined
    return `${scheme}://${host}`
  }
  const host = trimmed.replace(/\/+$/, '')
  if (!HOST_AND_PORT.test(host)) return undefined
  return `${LOCAL_HOST.test(host) ? 'http' : 'https'}://${host}`
}

function text(address: Record<string, unknown>, key: string): string {
  const value = ownField(address, key)
  if (typeof value !== 'string' || value.trim() === '') {
    throw authInvalid(
      `UploadAddress.${key}`,
      value === undefined ? 'is missing.' : 'must be a non-empty string.',
    )
  }
  return value
}

/**
 * Decodes an UploadAddress (base64 JSON `{Endpoint, Bucket, FileName}`) into a destination. Throws `AUTH_INVALID`
 * whose `field` names the bad field, e.g. `UploadAddress.Endpoint`.
 */
export function decodeUploadAddress(uploadAddress: unknown): Destination {
  const address = decodeBase64Json(uploadAddress, 'UploadAddress')
  const endpoint = normalizeEndpoint(text(address, 'Endpoint'))
  if (!endpoint) {
    throw authInvalid('UploadAddress.Endpoint', 'must be an http(s) URL or a host name.')
  }
  const bucket = text(address, 'Bucket')
  if (!BUCKET.test(bucket)) {
    throw authInvalid('UploadAddress.Bucket', 'is not a valid OSS bucket name.')
  }
  const objectKey = text(address, 'FileName')
  if (/^[/\\]/.test(objectKey) || utf8Encode(objectKey).length > 1023) {
    throw authInvalid(
      'UploadAddress.FileName',
      'must be an OSS object key (not starting with "/" or "\\", at most 1023 bytes).',
    )
  }
  return { endpoint, bucket, objectKey }
}
