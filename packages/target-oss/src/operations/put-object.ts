import { base64Encode, type CompletedObject, type TargetContext } from '@vodup/core'
import { bothSettled } from '../both-settled'
import { etagOfMd5, partCrc64Of, partMd5Of } from '../integrity'
import { callOss, type OssRuntime } from '../request'
import { objectHeaders } from './object-headers'
import { proveObject } from './prove-object'

const OPERATION = 'PutObject'

/**
 * `PUT /key` with the whole body (and its Content-MD5 when asked for). The object must come back proven: its
 * `x-oss-hash-crc64ecma` equal to the body's CRC-64, computed while it is sent (and with `integrity: 'md5'` or
 * `'both'`, its ETag equal to the body's MD5). Otherwise a non-retryable `INTEGRITY_MISMATCH` or `BAD_RESPONSE`
 * carrying the 2xx status: the kernel sends the file once more, then removes the object.
 */
export async function putObject(
  context: TargetContext,
  runtime: OssRuntime,
  body: Uint8Array,
  onProgress?: (sentBytes: number) => void,
): Promise<CompletedObject> {
  const { integrity, contentMd5 } = runtime.options
  const md5 = contentMd5 ? await partMd5Of(context, body) : undefined
  const sending = callOss(context, runtime, {
    operation: OPERATION,
    method: 'PUT',
    headers: { ...objectHeaders(context), ...(md5 ? { 'Content-MD5': base64Encode(md5) } : {}) },
    body,
    ...(onProgress ? { onUploadProgress: onProgress } : {}),
  })
  const hashing = (async () => ({
    crc64: integrity !== 'md5' ? await partCrc64Of(context, body) : undefined,
    md5: md5 ?? (integrity !== 'crc64' ? await partMd5Of(context, body) : undefined),
  }))()
  const [local, response] = await bothSettled(hashing, sending)
  return proveObject(response, OPERATION, {
    ...(local.crc64 !== undefined ? { crc64: local.crc64 } : {}),
    ...(local.md5 ? { etag: etagOfMd5(local.md5) } : {}),
  })
}
