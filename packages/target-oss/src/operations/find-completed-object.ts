import { type CompletedObject, getHeader, type PartRecord, type TargetContext } from '@vodup/core'
import { crc64OfParts } from '../crc64'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'

/**
 * After CompleteMultipartUpload answered `NoSuchUpload`: an earlier Complete may have assembled the object and
 * lost its answer on the way back (OSS answers `NoSuchUpload` for a completed upload too). HeadObject tells: an
 * object of the parts' total size whose CRC-64 equals the parts' combined CRC-64 is this upload's object.
 * Returns undefined when the object is absent, differs, or cannot be checked.
 */
export async function findCompletedObject(
  context: TargetContext,
  runtime: OssRuntime,
  parts: readonly PartRecord[],
): Promise<CompletedObject | undefined> {
  if (!parts.every((part) => part.crc64 !== undefined)) return undefined
  let headers: Record<string, string>
  try {
    const response = await callOss(context, runtime, {
      operation: 'HeadObject',
      method: 'HEAD',
      headers: { 'Content-Type': contentTypeOf(context.authorization.destination.objectKey) },
    })
    headers = response.headers
  } catch {
    return undefined
  }
  const size = parts.reduce((sum, part) => sum + part.size, 0)
  const serverCrc = getHeader(headers, 'x-oss-hash-crc64ecma')
  const expectedCrc = crc64OfParts(parts as Array<PartRecord & { crc64: string }>)
  if (getHeader(headers, 'content-length') !== String(size) || serverCrc !== expectedCrc) {
    return undefined
  }
  const etag = getHeader(headers, 'etag')
  return { crc64: serverCrc, ...(etag ? { etag } : {}) }
}
