import { createHash } from 'node:crypto'
import { combineCrc64 } from '../crc64.js'
import { BodyTooLarge, readBody, readBodyBuffer } from '../http/body.js'
import { send, sendStream } from '../http/respond.js'
import { uploadId as newUploadId } from '../ids.js'
import type { PartRecord, UploadRecord } from '../storage/object-store.js'
import { parseCompleteParts } from './complete-body.js'
import { ossError } from './errors.js'
import { hostileListPartsBody, listPartsHead } from './hostile-list-parts.js'
import {
  keptHeaders,
  type OssDeps,
  type OssRequest,
  ossResponseHeaders,
  quoted,
} from './oss-deps.js'
import { receiveBlob } from './receive.js'
import { type XmlFields, xmlDocument } from './xml.js'

/** Smallest size of every part but the last. */
export const MIN_PART_SIZE = 100 * 1024
const MAX_PART_SIZE = 5 * 1024 ** 3
const MAX_PART_NUMBER = 10_000

const xmlHeaders = (request: OssRequest, deps: OssDeps) => ({
  ...ossResponseHeaders(request.ctx, deps),
  'Content-Type': 'application/xml',
})

/** The upload named by `uploadId`, which must belong to this bucket and key. */
function requireUpload(request: OssRequest, deps: OssDeps): UploadRecord {
  const id = request.query.get('uploadId') ?? ''
  const upload = deps.store.getUpload(id)
  if (!upload || upload.bucket !== request.bucket || upload.key !== request.key)
    throw ossError.noSuchUpload(id)
  return upload
}

/** InitiateMultipartUpload. */
export async function initiateMultipartUpload(request: OssRequest, deps: OssDeps): Promise<void> {
  const { ctx, bucket, key } = request
  await readBodyBuffer(ctx, 64 * 1024)
  const id = newUploadId()
  ctx.uploadId = id
  await deps.store.createUpload({
    uploadId: id,
    bucket,
    key,
    initiated: deps.clock.now(),
    contentType: ctx.req.headers['content-type'] || 'application/octet-stream',
    meta: keptHeaders(ctx.req.headers),
  })
  send(
    ctx,
    200,
    xmlHeaders(request, deps),
    xmlDocument('InitiateMultipartUploadResult', [
      ['Bucket', bucket],
      ['Key', key],
      ['UploadId', id],
    ]),
  )
}

/** UploadPart: stores one part; the ETag is the quoted upper-case MD5 of the received bytes. */
export async function uploadPart(request: OssRequest, deps: OssDeps): Promise<void> {
  const { ctx } = request
  const rawNumber = request.query.get('partNumber') ?? ''
  const partNumber = Number(rawNumber)
  if (!/^\d+$/.test(rawNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw ossError.invalidArgument(
      'Part number must be an integer between 1 and 10000, inclusive.',
      'partNumber',
      rawNumber,
    )
  }
  const upload = requireUpload(request, deps)
  if (Number(ctx.req.headers['content-length'] ?? 0) > MAX_PART_SIZE)
    throw ossError.entityTooLarge()
  const blob = await receiveBlob(readBody(ctx), deps.store.blobs, {
    corrupt: deps.faults.takeCorruptPart(),
    maxSize: MAX_PART_SIZE,
    onTooLarge: () => ossError.entityTooLarge(),
  })
  const contentMd5 = ctx.req.headers['content-md5']
  if (contentMd5 !== undefined && contentMd5 !== blob.md5.toString('base64')) {
    await deps.store.blobs.remove(blob.ref)
    throw ossError.invalidDigest()
  }
  const etag = blob.md5.toString('hex').toUpperCase()
  const stored = await deps.store.putPart(upload.uploadId, {
    partNumber,
    size: blob.size,
    etag,
    crc64: blob.crcStored.toString(),
    lastModified: deps.clock.now(),
    ref: blob.ref,
  })
  if (!stored) {
    await deps.store.blobs.remove(blob.ref)
    throw ossError.noSuchUpload(upload.uploadId)
  }
  const answeredEtag = deps.faults.takeWrongEtag()
    ? createHash('md5').update(`wrong:${etag}`).digest('hex').toUpperCase()
    : etag
  send(ctx, 200, {
    ...ossResponseHeaders(ctx, deps),
    ETag: quoted(answeredEtag),
    'Content-MD5': blob.md5.toString('base64'),
    'x-oss-hash-crc64ecma': blob.crcReceived.toString(),
  })
}

const normalizeEtag = (etag: string) => etag.replace(/^"|"$/g, '').toUpperCase()

/** CompleteMultipartUpload: checks order, ETags and sizes, then assembles the object. */
export async function completeMultipartUpload(request: OssRequest, deps: OssDeps): Promise<void> {
  const { ctx, bucket, key } = request
  const upload = requireUpload(request, deps)
  let body: Buffer
  try {
    body = await readBodyBuffer(ctx, 4 * 1024 * 1024)
  } catch (error) {
    if (error instanceof BodyTooLarge) throw ossError.malformedXml()
    throw error
  }
  const contentMd5 = ctx.req.headers['content-md5']
  if (contentMd5 !== undefined && contentMd5 !== createHash('md5').update(body).digest('base64')) {
    throw ossError.invalidDigest()
  }
  const listed = parseCompleteParts(body.toString('utf8'))
  if (!listed || listed.length === 0) throw ossError.malformedXml()
  for (let i = 1; i < listed.length; i++) {
    if (listed[i]!.partNumber <= listed[i - 1]!.partNumber) throw ossError.invalidPartOrder()
  }
  const chosen: PartRecord[] = []
  for (const { partNumber, etag } of listed) {
    const part = deps.store.getPart(upload.uploadId, partNumber)
    if (!part || part.etag !== normalizeEtag(etag)) throw ossError.invalidPart(partNumber, etag)
    chosen.push(part)
  }
  chosen.forEach((part, index) => {
    if (index < chosen.length - 1 && part.size < MIN_PART_SIZE)
      throw ossError.entityTooSmall(part.partNumber)
  })
  let crc = 0n
  let size = 0
  const md5s = createHash('md5')
  for (const part of chosen) {
    crc = size === 0 ? BigInt(part.crc64) : combineCrc64(crc, BigInt(part.crc64), part.size)
    size += part.size
    md5s.update(Buffer.from(part.etag, 'hex'))
  }
  const etag = `${md5s.digest('hex').toUpperCase()}-${chosen.length}`
  await deps.store.completeUpload(
    upload.uploadId,
    {
      bucket,
      key,
      size,
      etag,
      crc64: crc.toString(),
      contentType: upload.contentType,
      lastModified: deps.clock.now(),
      type: 'Multipart',
      meta: upload.meta,
      segments: chosen.map((p) => ({ ref: p.ref, size: p.size })),
    },
    chosen,
  )
  send(
    ctx,
    200,
    { ...xmlHeaders(request, deps), ETag: quoted(etag), 'x-oss-hash-crc64ecma': crc.toString() },
    xmlDocument('CompleteMultipartUploadResult', [
      ['Location', `${deps.baseUrl()}/${bucket}/${key}`],
      ['Bucket', bucket],
      ['Key', key],
      ['ETag', quoted(etag)],
    ]),
  )
}

/** ListParts, with `max-parts` and `part-number-marker` paging. */
export async function listParts(request: OssRequest, deps: OssDeps): Promise<void> {
  const upload = requireUpload(request, deps)
  const maxParts = Math.min(
    1000,
    Math.max(1, Number(request.query.get('max-parts') ?? 1000) || 1000),
  )
  const marker = Number(request.query.get('part-number-marker') ?? 0) || 0
  const hostile = deps.faults.takeHostileListParts()
  if (hostile) {
    const now = deps.clock.now()
    const body = hostileListPartsBody(hostile, upload, { marker, maxParts, now })
    await sendStream(request.ctx, 200, xmlHeaders(request, deps), body)
    return
  }
  const after = deps.store.listParts(upload.uploadId).filter((p) => p.partNumber > marker)
  const page = after.slice(0, maxParts)
  const truncated = after.length > page.length
  const fields: XmlFields = [
    ...listPartsHead(upload, {
      marker,
      next: page.at(-1)?.partNumber ?? marker,
      maxParts,
      truncated,
    }),
    ...page.map((part): [string, XmlFields] => [
      'Part',
      [
        ['PartNumber', part.partNumber],
        ['LastModified', new Date(part.lastModified).toISOString()],
        ['ETag', quoted(part.etag)],
        ['HashCrc64ecma', part.crc64],
        ['Size', part.size],
      ],
    ]),
  ]
  send(request.ctx, 200, xmlHeaders(request, deps), xmlDocument('ListPartsResult', fields))
}

/** AbortMultipartUpload: 204, or NoSuchUpload. */
export async function abortMultipartUpload(request: OssRequest, deps: OssDeps): Promise<void> {
  const upload = requireUpload(request, deps)
  await deps.store.abortUpload(upload.uploadId)
  send(request.ctx, 204, ossResponseHeaders(request.ctx, deps))
}
