import { base64Decode, utf8Decode } from '@vodup/core'
import { authInvalid } from './auth-invalid'

/**
 * Decodes base64 of UTF-8 JSON holding an object, the form VOD gives UploadAuth and UploadAddress in. Throws
 * `AUTH_INVALID` naming `name` for text that is not a string, not base64, not UTF-8, not JSON, or not an object.
 * Parser messages are left out: they quote the input, which holds secrets.
 */
export function decodeBase64Json(text: unknown, name: string): Record<string, unknown> {
  if (typeof text !== 'string' || text.trim() === '') {
    throw authInvalid(name, 'must be a non-empty base64 string.')
  }
  const bytes = base64Decode(text)
  if (!bytes) throw authInvalid(name, 'is not valid base64.')
  const json = utf8Decode(bytes)
  if (json === undefined) throw authInvalid(name, 'does not decode to UTF-8 text.')
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw authInvalid(name, 'does not decode to JSON.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw authInvalid(name, 'must decode to a JSON object.')
  }
  return value as Record<string, unknown>
}

/** The value of an own property, ignoring inherited ones (`constructor`, `__proto__`...). */
export function ownField(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
}
