import { isUploadError, type TargetContext } from '@vodup/core'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'

/**
 * `DELETE /key`: removes an object that could not be proven equal to its file. An object already gone is done;
 * a refusal (`ACCESS_DENIED` where the credentials may only write) rejects with its reason.
 */
export async function deleteObject(context: TargetContext, runtime: OssRuntime): Promise<void> {
  try {
    await callOss(context, runtime, {
      operation: 'DeleteObject',
      method: 'DELETE',
      headers: { 'Content-Type': contentTypeOf(context.authorization.destination.objectKey) },
    })
  } catch (error) {
    if (isUploadError(error) && error.serverCode === 'NoSuchKey') return
    throw error
  }
}
