import { base64Encode, type CompletedObject, getHeader, type TargetContext } from '@vodup/core'
import { badResponse, crc64Of, etagOfMd5, integrityMismatch, md5Of, sameEtag } from '../integrity'
import { callOss, type OssRuntime } from '../request'
import { objectHeaders } from './object-headers'

const OPERATION = 'PutObject'

/**
 * `PUT /key` with the whole body and its Content-MD5; the answered ETag must be the body's MD5 and the answered
 * CRC-64 the body's.
 */
export async function putObject(
  context: TargetContext,
  runtime: OssRuntime,
  body: Uint8Array,
  onProgress?: (sentBytes: number) => void,
): Promise<CompletedObject> {
  const digest = md5Of(context, body)
  const crc = runtime.options.verifyCrc64 ? crc64Of(context, body) : undefined
  const response = await callOss(context, runtime, {
    operation: OPERATION,
    method: 'PUT',
    headers: { ...objectHeaders(context), 'Content-MD5': base64Encode(digest) },
    body,
    ...(onProgress ? { onUploadProgress: onProgress } : {}),
  })
  const requestId = getHeader(response.headers, 'x-oss-request-id')
  const etag = getHeader(response.headers, 'etag')
  if (!etag) throw badResponse('OSS answered PutObject without an ETag.', OPERATION)
  if (!sameEtag(etag, etagOfMd5(digest))) {
    throw integrityMismatch(
      `OSS stored the object with ETag ${etag}, but the bytes sent hash to ${etagOfMd5(digest)}.`,
      OPERATION,
      { requestId },
    )
  }
  const serverCrc = getHeader(response.headers, 'x-oss-hash-crc64ecma')
  if (crc !== undefined && serverCrc !== undefined && serverCrc !== crc) {
    throw integrityMismatch(
      `OSS stored the object with CRC-64 ${serverCrc}, but the bytes sent have CRC-64 ${crc}.`,
      OPERATION,
      { requestId },
    )
  }
  return { etag, ...(serverCrc ? { crc64: serverCrc } : crc ? { crc64: crc } : {}) }
}
