import {
  type CompletedObject,
  type PartRecord,
  type Target,
  type TargetContext,
  type TargetLimits,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import { bareEtag, md5Base64, md5Hex, multipartEtag } from './digests'
import { type Addressing, objectUrl, sendS3 } from './s3-request'
import { completeUploadXml, parseCompleted, parseListParts, parseUploadId } from './s3-xml'

/** Amazon S3's multipart rules: 5 MiB parts at least (but the last), 5 GiB at most, 10,000 parts, 5 TiB. */
export const S3_LIMITS: Readonly<TargetLimits> = Object.freeze({
  minPartSize: 5 * 1024 * 1024,
  maxPartSize: 5 * 1024 ** 3,
  maxParts: 10_000,
  maxObjectSize: 5 * 1024 ** 4,
})

/** Options of {@link s3Target}. */
export interface S3TargetOptions {
  /**
   * Address buckets in the path (`https://host/bucket/key`) rather than the host name. Default: true for an IP
   * address or `localhost` endpoint (test servers), false otherwise.
   */
  pathStyle?: boolean
  /** Other part-size rules, for S3-compatible servers that differ. */
  limits?: Partial<TargetLimits>
  /** `Content-Type` of the objects. Default `application/octet-stream`. */
  contentType?: string
}

function addressingFor(context: TargetContext, options: S3TargetOptions): Addressing {
  if (options.pathStyle !== undefined) return { pathStyle: options.pathStyle }
  const host = new URL(context.authorization.destination.endpoint).hostname
  return { pathStyle: host === 'localhost' || /^[\d.]+$/.test(host) || host.startsWith('[') }
}

function checkEtag(etag: string | undefined, body: Uint8Array, partNumber?: number): string {
  const expected = md5Hex(body)
  if (!etag || bareEtag(etag) !== expected) {
    throw new UploadError(
      'INTEGRITY_MISMATCH',
      `S3 acknowledged ${partNumber ? `part ${partNumber}` : 'the object'} with ETag ${etag ?? '(none)'}, but the bytes sent have MD5 ${expected}.`,
      { operation: partNumber ? 'UploadPart' : 'PutObject', partNumber },
    )
  }
  return etag
}

/** The S3 protocol as a vodup `Target`. */
export function createS3Target(options: S3TargetOptions = {}): Target {
  const contentType = options.contentType ?? 'application/octet-stream'
  const url = (context: TargetContext, query?: string) =>
    objectUrl(context, addressingFor(context, options), query)
  const uploadQuery = (uploadId: string) => `uploadId=${encodeURIComponent(uploadId)}`

  return {
    name: 's3',
    limits: Object.freeze({ ...S3_LIMITS, ...options.limits }),
    requestIdHeader: 'x-amz-request-id',

    async putObject(context, body, onProgress): Promise<CompletedObject> {
      const response = await sendS3(
        context,
        'PutObject',
        {
          method: 'PUT',
          url: url(context),
          headers: { 'content-type': contentType, 'content-md5': md5Base64(body) },
          body,
        },
        { onUploadProgress: onProgress },
      )
      return { etag: checkEtag(response.headers.etag, body), location: url(context) }
    },

    async initiateUpload(context) {
      const response = await sendS3(context, 'CreateMultipartUpload', {
        method: 'POST',
        url: url(context, 'uploads='),
        headers: { 'content-type': contentType },
      })
      return parseUploadId(response.body)
    },

    async uploadPart(context, part): Promise<PartRecord> {
      const response = await sendS3(
        context,
        'UploadPart',
        {
          method: 'PUT',
          url: url(context, `partNumber=${part.partNumber}&${uploadQuery(part.uploadId)}`),
          headers: { 'content-md5': md5Base64(part.body) },
          body: part.body,
        },
        { partNumber: part.partNumber, onUploadProgress: part.onProgress },
      )
      const etag = checkEtag(response.headers.etag, part.body, part.partNumber)
      return { n: part.partNumber, etag, size: part.body.length }
    },

    async listParts(context, uploadId) {
      const parts: PartRecord[] = []
      let marker: string | undefined
      do {
        const query = `${uploadQuery(uploadId)}${marker ? `&part-number-marker=${marker}` : ''}`
        const response = await sendS3(context, 'ListParts', {
          method: 'GET',
          url: url(context, query),
        })
        const page = parseListParts(response.body)
        parts.push(...page.parts)
        marker = page.nextMarker
      } while (marker)
      return parts.sort((a, b) => a.n - b.n)
    },

    async completeUpload(context, uploadId, parts): Promise<CompletedObject> {
      const response = await sendS3(context, 'CompleteMultipartUpload', {
        method: 'POST',
        url: url(context, uploadQuery(uploadId)),
        headers: { 'content-type': 'application/xml' },
        body: completeUploadXml(parts),
      })
      const completed = parseCompleted(response.body)
      const etag = completed.etag ? bareEtag(completed.etag) : undefined
      // S3 names a multipart object by the MD5 of its parts' MD5s; check it when the server follows that rule.
      if (etag?.includes('-') && etag !== multipartEtag(parts.map((p) => p.etag))) {
        throw new UploadError(
          'INTEGRITY_MISMATCH',
          `S3 completed the object with ETag ${etag}, which does not match the parts sent.`,
          { operation: 'CompleteMultipartUpload' },
        )
      }
      return { etag: completed.etag, location: completed.location ?? url(context) }
    },

    async abortUpload(context, uploadId) {
      // An upload that is already gone is as good as aborted.
      const response = await sendS3(
        context,
        'AbortMultipartUpload',
        { method: 'DELETE', url: url(context, uploadQuery(uploadId)) },
        { okStatuses: [404] },
      )
      if (response.status === 404 && !response.body.includes('NoSuchUpload')) {
        throw new UploadError('SERVICE_ERROR', 'S3 AbortMultipartUpload failed (HTTP 404).', {
          status: 404,
          operation: 'AbortMultipartUpload',
        })
      }
    },

    async verifyPart(_context, body, claimed) {
      // S3's part ETag is the MD5 of its bytes: the bytes prove the part when they hash to it.
      return body.length === claimed.size && bareEtag(claimed.etag) === md5Hex(body)
        ? { ...claimed }
        : undefined
    },
  }
}

/**
 * A vodup plugin that uploads to Amazon S3 (or an S3-compatible server) with multipart upload, resume through
 * ListParts and abort on cancel. Pair it with a transport and {@link s3Credentials}.
 */
export function s3Target(options: S3TargetOptions = {}): UploaderPlugin {
  const target = createS3Target(options)
  return { name: 's3-target', apply: (kernel) => kernel.provideTarget(target) }
}
