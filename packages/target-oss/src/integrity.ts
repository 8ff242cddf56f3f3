import { hexEncode, type TargetContext, UploadError } from '@vodup/core'
import { crc64 } from './crc64'
import { md5 } from './hashes'

/** MD5 of bytes, from the transport's native digest when it has one. */
export function md5Of(context: TargetContext, bytes: Uint8Array): Uint8Array {
  return context.digests.md5 ? context.digests.md5(bytes) : md5(bytes)
}

/** CRC-64/ECMA of bytes (unsigned decimal), from the transport's native digest when it has one. */
export function crc64Of(context: TargetContext, bytes: Uint8Array): string {
  return context.digests.crc64 ? context.digests.crc64(bytes) : crc64(bytes)
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

/** An integrity failure; a part's is retryable (the kernel re-sends it), an object's is not. */
export function integrityMismatch(
  message: string,
  operation: string,
  details: { partNumber?: number; retryable?: boolean; requestId?: string },
): UploadError {
  return new UploadError('INTEGRITY_MISMATCH', message, {
    operation,
    ...(details.partNumber !== undefined ? { partNumber: details.partNumber } : {}),
    ...(details.retryable !== undefined ? { retryable: details.retryable } : {}),
    ...(details.requestId ? { requestId: details.requestId } : {}),
  })
}

/** A 2xx response that lacks what the protocol promises. */
export function badResponse(message: string, operation: string, partNumber?: number): UploadError {
  return new UploadError('BAD_RESPONSE', message, {
    operation,
    ...(partNumber !== undefined ? { partNumber } : {}),
  })
}
