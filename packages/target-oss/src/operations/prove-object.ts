import { type CompletedObject, getHeader, type HttpResponse } from '@vodup/core'
import { isCrc64Decimal } from '../crc64'
import { badResponse, integrityMismatch, sameEtag } from '../integrity'

/** What the local side expects an object's answer to prove. */
export interface ExpectedObject {
  /** The file's CRC-64 (unsigned decimal): the answer's `x-oss-hash-crc64ecma` must equal it. */
  crc64?: string
  /** The object's ETag as the local bytes give it: the answer's ETag must equal it. */
  etag?: string
}

/**
 * Checks a 2xx answer that created an object (PutObject, PostObject, CompleteMultipartUpload, or HeadObject after
 * one) against what the local bytes give. A proof that differs is a non-retryable `INTEGRITY_MISMATCH`, a missing
 * or malformed one a non-retryable `BAD_RESPONSE`; both carry the 2xx status, which tells the kernel that an
 * unproven object may stand at the key.
 */
export function proveObject(
  response: HttpResponse,
  operation: string,
  expected: ExpectedObject,
): CompletedObject {
  const details = {
    status: response.status,
    retryable: false,
    requestId: getHeader(response.headers, 'x-oss-request-id'),
  }
  const etag = getHeader(response.headers, 'etag')
  const serverCrc = getHeader(response.headers, 'x-oss-hash-crc64ecma')
  if (expected.crc64 !== undefined) {
    if (serverCrc === undefined || !isCrc64Decimal(serverCrc)) {
      throw badResponse(
        `OSS answered ${operation} ${serverCrc === undefined ? 'without' : 'with a malformed'} x-oss-hash-crc64ecma: nothing proves that the object equals the file.`,
        operation,
        details,
      )
    }
    if (serverCrc !== expected.crc64) {
      throw integrityMismatch(
        `OSS stored the object with CRC-64 ${serverCrc}, but the file's bytes have CRC-64 ${expected.crc64}: the object differs from the file.`,
        operation,
        details,
      )
    }
  }
  if (expected.etag !== undefined) {
    if (!etag) {
      throw badResponse(
        `OSS answered ${operation} without an ETag: nothing proves that the object equals the file.`,
        operation,
        details,
      )
    }
    if (!sameEtag(etag, expected.etag)) {
      throw integrityMismatch(
        `OSS stored the object with ETag ${etag.slice(0, 80)}, but the file's bytes give ${expected.etag}: the object differs from the file.`,
        operation,
        details,
      )
    }
  }
  return {
    ...(etag ? { etag } : {}),
    ...(serverCrc !== undefined && isCrc64Decimal(serverCrc) ? { crc64: serverCrc } : {}),
  }
}
