import { type CompletedObject, getHeader, type TargetContext } from '@vodup/core'
import { ossResponseError } from '../classify'
import { objectUrl } from '../endpoint'
import { contentTypeOf } from '../mime'
import { assertObjectKey } from '../object-key'
import type { OssRuntime } from '../request'
import { type PostPolicy, signPostPolicy } from '../signing/post-policy'
import { notificationOf } from './object-headers'

const OPERATION = 'PostObject'
/** PostObject's largest object. */
const MAX_POST_OBJECT = 5 * 1024 ** 3
/** How long the signed policy stays valid. */
const POLICY_LIFETIME_MS = 60 * 60 * 1000

/** The policy for one form upload: this bucket, this key, this size (or up to 5 GiB when unknown). */
export function formUploadPolicy(
  bucket: string,
  objectKey: string,
  size: number | undefined,
  nowMs: number,
): PostPolicy {
  return {
    expiration: new Date(nowMs + POLICY_LIFETIME_MS).toISOString(),
    conditions: [
      { bucket },
      ['eq', '$key', objectKey],
      ['content-length-range', size ?? 0, size ?? MAX_POST_OBJECT],
    ],
  }
}

/**
 * PostObject through the transport's form upload (`wx.uploadFile`): a V1-signed policy naming the bucket, key and
 * size, the credentials as form fields, `success_action_status` 200. The platform streams the file, so there are
 * no local bytes to hash: the answered ETag and CRC-64 are reported as they are.
 */
export async function formUpload(
  context: TargetContext,
  runtime: OssRuntime,
  input: unknown,
  onProgress?: (sentBytes: number) => void,
): Promise<CompletedObject> {
  const { credentials, destination } = context.authorization
  assertObjectKey(destination.objectKey)
  const policy = formUploadPolicy(
    destination.bucket,
    destination.objectKey,
    context.file.size,
    runtime.clock.now(),
  )
  const signed = signPostPolicy(policy, credentials.accessKeySecret, context.digests.hmac)
  const fields: Record<string, string> = {
    key: destination.objectKey,
    policy: signed.policy,
    OSSAccessKeyId: credentials.accessKeyId,
    signature: signed.signature,
  }
  if (credentials.securityToken) fields['x-oss-security-token'] = credentials.securityToken
  fields.success_action_status = '200'
  fields['Content-Type'] = contentTypeOf(destination.objectKey)
  const notification = notificationOf(context.file.meta)
  if (notification) fields['x-oss-notification'] = notification
  const response = await context.uploadForm(
    {
      url: objectUrl(destination, '', [], runtime.options.cname),
      fields,
      file: input,
      fileField: 'file',
      headers: { 'x-oss-user-agent': runtime.options.userAgent },
      ...(onProgress ? { onUploadProgress: (sent: number) => onProgress(sent) } : {}),
    },
    { operation: OPERATION, service: 'oss' },
  )
  if (response.status < 200 || response.status >= 300) {
    throw ossResponseError(response, {
      operation: OPERATION,
      withToken: Boolean(credentials.securityToken),
      secrets: [credentials.accessKeySecret, credentials.securityToken ?? ''],
    })
  }
  const etag = getHeader(response.headers, 'etag')
  const crc64 = getHeader(response.headers, 'x-oss-hash-crc64ecma')
  return { ...(etag ? { etag } : {}), ...(crc64 ? { crc64 } : {}) }
}
