import { hexEncode, type TargetContext, UploadError } from '@vodup/core'
import { crc64, crc64Combine } from './crc64'
import { createMd5, md5 } from './hashes'

/** Bytes hashed between two turns of the event loop by the portable digests (a few milliseconds of work). */
export const PORTABLE_SLICE_BYTES = 256 * 1024

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** MD5 of bytes, from the transport's native digest when it has one. */
export function md5Of(context: TargetContext, bytes: Uint8Array): Uint8Array {
  return context.digests.md5 ? context.digests.md5(bytes) : md5(bytes)
}

/**
 * CRC-64/ECMA of a part body (unsigned decimal) without holding the thread for the whole body: the transport's
 * `partCrc64` when it has one, else the portable code in slices with a timer turn between them, so a request
 * started before it keeps moving (the mini program hands the body to WeChat, then hashes).
 */
export async function partCrc64Of(context: TargetContext, body: Uint8Array): Promise<string> {
  const { digests } = context
  if (digests.partCrc64) return digests.partCrc64(body)
  const whole = digests.crc64 ?? crc64
  if (body.length <= PORTABLE_SLICE_BYTES) return whole(body)
  let combined = '0'
  for (let offset = 0; offset < body.length; offset += PORTABLE_SLICE_BYTES) {
    if (offset > 0) await nextTurn()
    const slice = body.subarray(offset, offset + PORTABLE_SLICE_BYTES)
    combined = crc64Combine(combined, whole(slice), slice.length)
  }
  return combined
}

/** MD5 of a part body, with the manners of {@link partCrc64Of}. */
export async function partMd5Of(context: TargetContext, body: Uint8Array): Promise<Uint8Array> {
  const { digests } = context
  if (digests.partMd5) return digests.partMd5(body)
  if (digests.md5 || body.length <= PORTABLE_SLICE_BYTES) return md5Of(context, body)
  const hasher = createMd5()
  for (let offset = 0; offset < body.length; offset += PORTABLE_SLICE_BYTES) {
    if (offset > 0) await nextTurn()
    hasher.update(body.subarray(offset, offset + PORTABLE_SLICE_BYTES))
  }
  return hasher.digest()
}

/** The ETag OSS answers for a part or a PutObject body with this MD5: quoted upper-case hex. */
export function etagOfMd5(digest: Uint8Array): string {
  return `"${hexEncode(digest).toUpperCase()}"`
}

/** Compares ETags ignoring quotes and case. */
export function sameEtag(a: string, b: string): boolean {
  const normal = (etag: string) => etag.replace(/"/g, '').trim().toUpperCase()
  return normal(a) === normal(b)
}

/**
 * The ETag of an object assembled from parts with these ETags (the MD5 of their MD5s, then `-` and the count), as
 * OSS and S3-compatible servers answer it: the object's proof where the server gives no CRC-64.
 */
export function multipartEtag(partEtags: readonly string[]): string | undefined {
  const hasher = createMd5()
  for (const etag of partEtags) {
    const hex = etag.replace(/"/g, '').trim()
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) return undefined
    const digest = new Uint8Array(16)
    for (let i = 0; i < 16; i++) digest[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
    hasher.update(digest)
  }
  return `"${hexEncode(hasher.digest()).toUpperCase()}-${partEtags.length}"`
}

/** An integrity failure; a part's is retryable (the kernel re-sends it), an object's is not. */
export function integrityMismatch(
  message: string,
  operation: string,
  details: { partNumber?: number; retryable?: boolean; requestId?: string; status?: number },
): UploadError {
  return new UploadError('INTEGRITY_MISMATCH', message, {
    operation,
    ...(details.partNumber !== undefined ? { partNumber: details.partNumber } : {}),
    ...(details.retryable !== undefined ? { retryable: details.retryable } : {}),
    ...(details.requestId ? { requestId: details.requestId } : {}),
    ...(details.status !== undefined ? { status: details.status } : {}),
  })
}

/**
 * A 2xx response that lacks what the protocol promises. For a part it is retryable (the part is not
 * acknowledged and goes again); for an object (`status` given, `retryable: false`) the kernel uploads it anew.
 */
export function badResponse(
  message: string,
  operation: string,
  details: { partNumber?: number; status?: number; retryable?: boolean; requestId?: string } = {},
): UploadError {
  return new UploadError('BAD_RESPONSE', message, {
    operation,
    ...(details.partNumber !== undefined ? { partNumber: details.partNumber } : {}),
    ...(details.status !== undefined ? { status: details.status } : {}),
    ...(details.retryable !== undefined ? { retryable: details.retryable } : {}),
    ...(details.requestId ? { requestId: details.requestId } : {}),
  })
}
