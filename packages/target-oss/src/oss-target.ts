import type { Target, TargetLimits, UploaderPlugin } from '@vodup/core'
import { ServerClock } from './clock'
import { abortUpload } from './operations/abort-upload'
import { completeUpload } from './operations/complete-upload'
import { deleteObject } from './operations/delete-object'
import { formUpload } from './operations/form-upload'
import { initiateUpload } from './operations/initiate-upload'
import { listParts } from './operations/list-parts'
import { putObject } from './operations/put-object'
import { uploadPart, verifyPart } from './operations/upload-part'
import { type OssTargetOptions, resolveOssTargetOptions } from './options'
import type { OssRuntime } from './request'

/** OSS's multipart rules: 100 KiB parts at least (but the last), 5 GiB at most, 10,000 parts, 48.8 TiB objects. */
export const OSS_LIMITS: Readonly<TargetLimits> = Object.freeze({
  minPartSize: 100 * 1024,
  maxPartSize: 5 * 1024 ** 3,
  maxParts: 10_000,
  maxObjectSize: Math.floor(48.8 * 1024 ** 4),
})

/** The plugin name of {@link ossTarget}. */
export const OSS_TARGET_NAME = 'target-oss'

/**
 * Creates the OSS `Target` itself, for tests and for plugins that wrap it. Each target keeps its own clock offset.
 * Throws `INVALID_ARGUMENT` for bad options.
 */
export function createOssTarget(options: OssTargetOptions = {}): Target {
  const runtime: OssRuntime = {
    options: resolveOssTargetOptions(options),
    clock: new ServerClock(),
  }
  return {
    name: 'oss',
    limits: OSS_LIMITS,
    requestIdHeader: 'x-oss-request-id',
    putObject: (context, body, onProgress) => putObject(context, runtime, body, onProgress),
    formUpload: (context, input, onProgress, local) =>
      formUpload(context, runtime, input, onProgress, local),
    initiateUpload: (context) => initiateUpload(context, runtime),
    uploadPart: (context, part) => uploadPart(context, runtime, part),
    listParts: (context, uploadId) => listParts(context, runtime, uploadId),
    completeUpload: (context, uploadId, parts) => completeUpload(context, runtime, uploadId, parts),
    abortUpload: (context, uploadId) => abortUpload(context, runtime, uploadId),
    verifyPart: (context, body, claimed) => verifyPart(context, runtime, body, claimed),
    deleteObject: (context) => deleteObject(context, runtime),
  }
}

/**
 * The Alibaba Cloud OSS target as a plugin: multipart upload with resume, PutObject for small files, PostObject
 * where the transport uploads forms, V1 (default) or V4 signing, and integrity that fails closed: each part's and
 * the object's CRC-64 (or MD5, see `integrity`) proven against the server's.
 *
 * ```ts
 * const uploader = createUploader([nodeTransport(), ossTarget(), uploadAuth({ ... })])
 * ```
 */
export function ossTarget(
  options: OssTargetOptions = {},
): UploaderPlugin & { readonly target: Target } {
  const target = createOssTarget(options)
  return {
    name: OSS_TARGET_NAME,
    target,
    apply(kernel) {
      kernel.provideTarget(target)
    },
  }
}
