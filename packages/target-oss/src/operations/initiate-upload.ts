import type { TargetContext } from '@vodup/core'
import { badResponse } from '../integrity'
import { callOss, type OssRuntime } from '../request'
import { elementOf, parseXml, textOf } from '../xml'
import { objectHeaders } from './object-headers'

const OPERATION = 'InitiateMultipartUpload'

/** `POST /key?uploads`: starts a multipart upload and returns its id. */
export async function initiateUpload(context: TargetContext, runtime: OssRuntime): Promise<string> {
  const response = await callOss(context, runtime, {
    operation: OPERATION,
    method: 'POST',
    query: [['uploads', null]],
    headers: objectHeaders(context),
  })
  const result = elementOf(parseXml(response.body)?.InitiateMultipartUploadResult)
  const uploadId = textOf(result?.UploadId)
  if (!uploadId)
    throw badResponse('OSS answered InitiateMultipartUpload without an UploadId.', OPERATION)
  return uploadId
}
