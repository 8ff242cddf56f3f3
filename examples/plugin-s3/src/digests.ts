import { createHash } from 'node:crypto'

/** MD5 of the bytes as hex: an S3 part's ETag, without quotes. */
export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex')
}

/** MD5 as base64, for the `Content-MD5` header S3 checks the body against. */
export function md5Base64(data: Uint8Array): string {
  return createHash('md5').update(data).digest('base64')
}

/** SHA-256 as hex, for `x-amz-content-sha256`. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The ETag S3 gives a multipart object: MD5 of the parts' binary MD5s, a dash and the part count. */
export function multipartEtag(partEtags: readonly string[]): string {
  const hash = createHash('md5')
  for (const etag of partEtags) hash.update(Buffer.from(etag.replace(/"/g, ''), 'hex'))
  return `${hash.digest('hex')}-${partEtags.length}`
}

/** An ETag without its quotes, lower-cased. */
export function bareEtag(etag: string): string {
  return etag.replace(/"/g, '').toLowerCase()
}
