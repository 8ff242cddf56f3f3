import { base64Encode, type FileMeta, type TargetContext, utf8Encode } from '@vodup/core'
import { contentTypeOf } from '../mime'

/** `x-oss-notification`: base64 of the UTF-8 userData, as the official SDKs send it; undefined without userData. */
export function notificationOf(meta: FileMeta): string | undefined {
  const userData = meta.userData
  return typeof userData === 'string' && userData.length > 0
    ? base64Encode(utf8Encode(userData))
    : undefined
}

/** Content-Type from the object key, plus `x-oss-notification` when the file has userData. */
export function objectHeaders(context: TargetContext): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentTypeOf(context.authorization.destination.objectKey),
  }
  const notification = notificationOf(context.file.meta)
  if (notification) headers['x-oss-notification'] = notification
  return headers
}
