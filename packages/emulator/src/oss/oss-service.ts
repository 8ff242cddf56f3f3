import { drainBody } from '../http/body.js'
import type { RequestContext } from '../http/context.js'
import { send } from '../http/respond.js'
import type { PreparedRequest } from '../prepared-request.js'
import { isValidBucketName, resolveOssAddress } from './addressing.js'
import { authenticateOss } from './auth.js'
import { checkScope } from './auth-checks.js'
import { OssError, ossError, ossErrorXml } from './errors.js'
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  listParts,
  uploadPart,
} from './multipart-handlers.js'
import { deleteObject, getObject, putObject } from './object-handlers.js'
import { ossOperation } from './operation.js'
import { optionsObject } from './options-handler.js'
import { type OssDeps, type OssRequest, ossResponseHeaders } from './oss-deps.js'
import { postObject } from './post-object.js'

type Handler = (request: OssRequest, deps: OssDeps) => Promise<void>

const HANDLERS: Record<string, Handler> = {
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: getObject,
  DeleteObject: deleteObject,
  InitiateMultipartUpload: initiateMultipartUpload,
  UploadPart: uploadPart,
  CompleteMultipartUpload: completeMultipartUpload,
  ListParts: listParts,
  AbortMultipartUpload: abortMultipartUpload,
}

/** Sends an OSS XML error (no body for HEAD), after reading what is left of the request body. */
export async function sendOssError(
  ctx: RequestContext,
  deps: OssDeps,
  error: OssError,
  hostId: string,
) {
  ctx.code = error.code
  await drainBody(ctx)
  const xml = ossErrorXml(error, ctx.requestId, hostId)
  send(
    ctx,
    error.status,
    {
      ...ossResponseHeaders(ctx, deps),
      'Content-Type': 'application/xml',
      // HEAD answers have no body, so OSS carries the error document base64-encoded in a header.
      ...(ctx.req.method === 'HEAD' ? { 'x-oss-err': Buffer.from(xml).toString('base64') } : {}),
    },
    xml,
  )
}

/** Prepares an OSS request: addressing, operation name and log fields. */
export function prepareOss(ctx: RequestContext, deps: OssDeps): PreparedRequest {
  const { req, url } = ctx
  const address = resolveOssAddress(req.headers.host, req.url?.split('?')[0] ?? '/')
  const method = (req.method ?? 'GET').toUpperCase()
  const operation = ossOperation(
    method,
    url.searchParams,
    address.bucket,
    address.key,
    req.headers['content-type'],
  )
  if (address.bucket) ctx.bucket = address.bucket
  if (address.key) ctx.key = address.key
  const uploadId = url.searchParams.get('uploadId')
  if (uploadId) ctx.uploadId = uploadId
  const partNumber = Number(url.searchParams.get('partNumber'))
  if (operation === 'UploadPart' && Number.isInteger(partNumber)) ctx.partNumber = partNumber
  const hostId =
    address.style === 'virtual-hosted'
      ? address.hostname
      : `${address.bucket ?? ''}.${address.hostname}`.replace(/^\./, '')
  const request: OssRequest = {
    ctx,
    bucket: address.bucket ?? '',
    key: address.key ?? '',
    query: url.searchParams,
    queryPairs: [...url.searchParams.entries()],
  }

  const serve = async () => {
    try {
      if (operation === 'Unknown') {
        throw address.bucket ? ossError.notImplemented() : ossError.methodNotAllowed()
      }
      if (!isValidBucketName(request.bucket)) throw ossError.invalidBucketName(request.bucket)
      if (operation === 'Options') {
        await optionsObject(request, deps)
        return
      }
      if (operation === 'PostObject') {
        await postObject(request, deps)
        return
      }
      if (Buffer.byteLength(request.key) > 1023) throw ossError.invalidObjectName()
      const credential = authenticateOss(
        {
          method,
          headers: req.headers,
          bucket: request.bucket,
          key: request.key,
          query: request.queryPairs,
        },
        deps,
      )
      checkScope(credential, request.bucket, request.key)
      await HANDLERS[operation]!(request, deps)
    } catch (error) {
      if (error instanceof OssError) {
        await sendOssError(ctx, deps, error, hostId)
        return
      }
      throw error
    }
  }

  return {
    operation,
    serve,
    fail: (status, code, message) =>
      sendOssError(ctx, deps, new OssError(status, code, message), hostId),
  }
}
