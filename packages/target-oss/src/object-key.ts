import { UploadError, utf8Encode } from '@vodup/core'

/** OSS's longest object key, in UTF-8 bytes. */
export const MAX_OBJECT_KEY_BYTES = 1023

/**
 * Percent-encodes an object key for the request path as OSS expects: UTF-8, every reserved character encoded
 * (space as `%20`, `+` as `%2B`, `?` and `#` too) except `/`, which stays a separator.
 */
export function encodeObjectKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/')
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true
      i++
    } else if (code >= 0xdc00 && code <= 0xdfff) return true
  }
  return false
}

function fail(reason: string, key: string): never {
  throw new UploadError(
    'INVALID_ARGUMENT',
    `The object key ${JSON.stringify(key)} cannot be used: ${reason}.`,
    { field: 'destination.objectKey' },
  )
}

/**
 * Checks an object key against OSS's rules and what an HTTP path can carry; throws `INVALID_ARGUMENT`
 * (field `destination.objectKey`) naming the problem.
 */
export function assertObjectKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) fail('it is empty', String(key))
  if (key[0] === '/' || key[0] === '\\') fail('it must not start with "/" or "\\"', key)
  if (hasLoneSurrogate(key)) fail('it holds an unpaired UTF-16 surrogate', key)
  if (utf8Encode(key).length > MAX_OBJECT_KEY_BYTES) {
    fail(`it is longer than ${MAX_OBJECT_KEY_BYTES} bytes in UTF-8`, key)
  }
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
    fail('a "." or ".." path segment would be rewritten by HTTP clients', key)
  }
}
