import { getHeader, type PartRecord, type PartUpload, type TargetContext } from '@vodup/core'
import { badResponse, crc64Of, etagOfMd5, integrityMismatch, md5Of, sameEtag } from '../integrity'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'

const OPERATION = 'UploadPart'

/** Waits until both promises have settled (so neither still reads the body), then resolves or throws a failure. */
async function bothSettled<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  let failure: { error: unknown } | undefined
  const settled = <T>(promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      failure ??= { error }
      return undefined as T
    })
  const both = await Promise.all([settled(first), settled(second)])
  if (failure) throw failure.error
  return both
}

/** The ETag (and CRC-64 when verifying) OSS would answer for a part with these bytes. */
export async function describePart(
  context: TargetContext,
  runtime: OssRuntime,
  body: Uint8Array,
): Promise<Pick<PartRecord, 'etag' | 'crc64'>> {
  const { digests } = context
  if (runtime.options.verifyCrc64 && digests.partDigests) {
    const both = await digests.partDigests(body)
    return { etag: etagOfMd5(both.md5), crc64: both.crc64 }
  }
  const etag = etagOfMd5(md5Of(context, body))
  return runtime.options.verifyCrc64 ? { etag, crc64: crc64Of(context, body) } : { etag }
}

/**
 * `PUT /key?partNumber=N&uploadId=ID`: sends one part, then checks the answered ETag against the MD5 of the bytes
 * sent and the answered CRC-64 against the local one. A mismatch is a retryable `INTEGRITY_MISMATCH`. When the
 * transport hashes asynchronously (`digests.partDigests`), the part is hashed while it is being sent; either way
 * the part settles only once hashing has stopped reading its bytes.
 */
export async function uploadPart(
  context: TargetContext,
  runtime: OssRuntime,
  part: PartUpload,
): Promise<PartRecord> {
  const { partNumber, body } = part
  const hashing = describePart(context, runtime, body)
  const sending = callOss(context, runtime, {
    operation: OPERATION,
    method: 'PUT',
    query: [
      ['partNumber', String(partNumber)],
      ['uploadId', part.uploadId],
    ],
    headers: { 'Content-Type': contentTypeOf(context.authorization.destination.objectKey) },
    body,
    partNumber,
    ...(part.onProgress ? { onUploadProgress: part.onProgress } : {}),
  })
  const [local, response] = await bothSettled(hashing, sending)
  const requestId = getHeader(response.headers, 'x-oss-request-id')
  const etag = getHeader(response.headers, 'etag')
  if (!etag)
    throw badResponse(`OSS answered part ${partNumber} without an ETag.`, OPERATION, partNumber)
  if (!sameEtag(etag, local.etag)) {
    throw integrityMismatch(
      `OSS acknowledged part ${partNumber} with ETag ${etag}, but the bytes sent hash to ${local.etag}.`,
      OPERATION,
      { partNumber, requestId },
    )
  }
  const serverCrc = getHeader(response.headers, 'x-oss-hash-crc64ecma')
  if (local.crc64 !== undefined && serverCrc !== undefined && serverCrc !== local.crc64) {
    throw integrityMismatch(
      `OSS stored part ${partNumber} with CRC-64 ${serverCrc}, but the bytes sent have CRC-64 ${local.crc64}.`,
      OPERATION,
      { partNumber, requestId },
    )
  }
  return {
    n: partNumber,
    etag,
    size: body.length,
    ...(local.crc64 !== undefined ? { crc64: local.crc64 } : {}),
  }
}
