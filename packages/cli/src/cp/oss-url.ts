import { UploadError } from '@vodup/core'
import { assertObjectKey } from '@vodup/target-oss/internal'

/** Where `vodup cp` puts files: a bucket, and a key or a prefix. */
export interface OssLocation {
  bucket: string
  /** The object key, or the prefix (ending in `/`, or empty) under which files keep their names. */
  key: string
  /** True when `key` is a prefix. */
  prefix: boolean
}

const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/

/** Parses `oss://BUCKET/KEY` (a key ending in `/`, or none, is a prefix). Throws `INVALID_ARGUMENT`. */
export function parseOssUrl(text: string): OssLocation {
  const match = /^oss:\/\/([^/]+)(?:\/(.*))?$/.exec(text)
  if (!match) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `The destination must be oss://BUCKET/KEY or oss://BUCKET/PREFIX/; got "${text}".`,
      { field: 'destination' },
    )
  }
  const [, bucket, key = ''] = match
  if (!BUCKET.test(bucket)) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `"${bucket}" is not a bucket name: 3 to 63 lower-case letters, digits and hyphens.`,
      { field: 'destination' },
    )
  }
  const prefix = key === '' || key.endsWith('/')
  if (!prefix) assertObjectKey(key)
  return { bucket, key, prefix }
}
