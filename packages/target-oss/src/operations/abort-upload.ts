import { isUploadError, type TargetContext } from '@vodup/core'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'

/** `DELETE /key?uploadId=ID`: discards the upload and its parts. An upload the server no longer knows is done. */
export async function abortUpload(
  context: TargetContext,
  runtime: OssRuntime,
  uploadId: string,
): Promise<void> {
  try {
    await callOss(context, runtime, {
      operation: 'AbortMultipartUpload',
      method: 'DELETE',
      query: [['uploadId', uploadId]],
      // Like the official SDK, every request names the object's type: some transports add a default otherwise.
      headers: { 'Content-Type': contentTypeOf(context.authorization.destination.objectKey) },
    })
  } catch (error) {
    if (isUploadError(error) && error.code === 'NO_SUCH_UPLOAD') return
    throw error
  }
}
