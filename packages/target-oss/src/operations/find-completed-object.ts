import {
  type CompletedObject,
  getHeader,
  isUploadError,
  type PartRecord,
  type TargetContext,
} from '@vodup/core'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'
import { type ExpectedObject, proveObject } from './prove-object'

/**
 * Looks for the object an earlier or unclear CompleteMultipartUpload assembled: after `NoSuchUpload` (a lost
 * answer: OSS answers it for a completed upload too) or after a 2xx answer that did not prove the object.
 * HeadObject tells: an object of the parts' total size that gives the expected proof (its CRC-64, or its ETag
 * where the target uses MD5) is this upload's object. Returns undefined when the object is absent, differs, or
 * cannot be checked.
 */
export async function findCompletedObject(
  context: TargetContext,
  runtime: OssRuntime,
  parts: readonly PartRecord[],
  expected: ExpectedObject,
): Promise<CompletedObject | undefined> {
  if (expected.crc64 === undefined && expected.etag === undefined) return undefined
  try {
    const response = await callOss(context, runtime, {
      operation: 'HeadObject',
      method: 'HEAD',
      headers: { 'Content-Type': contentTypeOf(context.authorization.destination.objectKey) },
    })
    const size = parts.reduce((sum, part) => sum + part.size, 0)
    if (getHeader(response.headers, 'content-length') !== String(size)) return undefined
    return proveObject(response, 'HeadObject', expected)
  } catch (error) {
    if (isUploadError(error) && context.signal.aborted) throw error
    return undefined
  }
}
