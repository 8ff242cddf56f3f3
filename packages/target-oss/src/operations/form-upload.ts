import {
  type CompletedObject,
  type FileSource,
  type FormSigner,
  type TargetContext,
  UploadError,
} from '@vodup/core'
import { bothSettled } from '../both-settled'
import { isErrorBody, ossResponseError } from '../classify'
import { crc64Combine } from '../crc64'
import { objectUrl } from '../endpoint'
import { createMd5 } from '../hashes'
import { etagOfMd5, partCrc64Of } from '../integrity'
import { contentTypeOf } from '../mime'
import { assertObjectKey } from '../object-key'
import { OSS_ANSWER_LIMIT, type OssRuntime } from '../request'
import { type PostPolicy, signPostPolicy } from '../signing/post-policy'
import { notificationOf } from './object-headers'
import { type ExpectedObject, proveObject } from './prove-object'

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

/** Bytes of the file read at once to hash it beside a form upload. */
const LOCAL_READ_BYTES = 1024 * 1024

/** The bytes of the file, as the kernel hands them to a form upload. */
export type LocalFile = Pick<FileSource, 'size' | 'read' | 'release'>

/** The proofs the local file gives (CRC-64 unless the target uses MD5 alone; MD5 where asked), read in slices. */
async function proofOfFile(
  context: TargetContext,
  runtime: OssRuntime,
  local: LocalFile,
): Promise<ExpectedObject> {
  const { integrity } = runtime.options
  let crc = integrity !== 'md5' ? '0' : undefined
  const md5 = integrity !== 'crc64' ? createMd5() : undefined
  for (let start = 0; start < local.size; start += LOCAL_READ_BYTES) {
    const end = Math.min(local.size, start + LOCAL_READ_BYTES)
    const chunk = await local.read(start, end)
    try {
      if (crc !== undefined)
        crc = crc64Combine(crc, await partCrc64Of(context, chunk), chunk.length)
      md5?.update(chunk)
    } finally {
      local.release?.(chunk)
    }
  }
  return {
    ...(crc !== undefined ? { crc64: crc } : {}),
    ...(md5 ? { etag: etagOfMd5(md5.digest()) } : {}),
  }
}

/**
 * PostObject through the transport's form upload (`wx.uploadFile`), on the kernel's request path like every OSS
 * call (the `request` hook sees the POST before it is signed, the `response` hook its answer): a V1-signed policy
 * naming the bucket, key and size, the credentials as form fields, `success_action_status` 200. The platform streams the file; meanwhile the
 * same bytes are read from `local` and hashed, and the answer must prove the object (as PutObject's).
 */
export async function formUpload(
  context: TargetContext,
  runtime: OssRuntime,
  input: unknown,
  onProgress: ((sentBytes: number) => void) | undefined,
  local: LocalFile | undefined,
): Promise<CompletedObject> {
  const { credentials, destination } = context.authorization
  assertObjectKey(destination.objectKey)
  if (!local) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'A form upload needs the local bytes of the file to prove the object.',
      { field: 'local', operation: OPERATION },
    )
  }
  const policy = formUploadPolicy(
    destination.bucket,
    destination.objectKey,
    context.file.size,
    runtime.clock.now(),
  )
  const signed = signPostPolicy(policy, credentials.accessKeySecret, context.digests.hmac)
  const fields: Record<string, string> = {
    key: destination.objectKey,
    success_action_status: '200',
    'Content-Type': contentTypeOf(destination.objectKey),
  }
  const notification = notificationOf(context.file.meta)
  if (notification) fields['x-oss-notification'] = notification
  // The policy, the signature and the credentials join the fields after the request hook, as other calls are signed.
  const sign: FormSigner = (request) => ({
    ...request,
    fields: {
      key: request.fields.key,
      policy: signed.policy,
      OSSAccessKeyId: credentials.accessKeyId,
      signature: signed.signature,
      ...(credentials.securityToken ? { 'x-oss-security-token': credentials.securityToken } : {}),
      ...request.fields,
    },
  })
  const sending = context.uploadForm(
    {
      url: objectUrl(destination, '', [], runtime.options.cname),
      fields,
      file: input,
      fileField: 'file',
      headers: { 'x-oss-user-agent': runtime.options.userAgent },
      ...(onProgress ? { onUploadProgress: (sent: number) => onProgress(sent) } : {}),
      maxResponseBytes: OSS_ANSWER_LIMIT,
    },
    { operation: OPERATION, service: 'oss' },
    sign,
  )
  const [expected, response] = await bothSettled(proofOfFile(context, runtime, local), sending)
  if (response.status < 200 || response.status >= 300 || isErrorBody(response)) {
    throw ossResponseError(response, {
      operation: OPERATION,
      withToken: Boolean(credentials.securityToken),
      secrets: [credentials.accessKeySecret, credentials.securityToken ?? '', signed.signature],
    })
  }
  return proveObject(response, OPERATION, expected)
}
