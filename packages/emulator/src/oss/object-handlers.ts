import { readBody } from '../http/body.js'
import { send, sendStream } from '../http/respond.js'
import { ossError } from './errors.js'
import {
  keptHeaders,
  type OssDeps,
  type OssRequest,
  ossResponseHeaders,
  quoted,
} from './oss-deps.js'
import { receiveBlob } from './receive.js'

/** Largest object a single PUT or POST may carry. */
export const MAX_SINGLE_OBJECT = 5 * 1024 ** 3

function checkContentMd5(header: string | undefined, md5: Buffer): boolean {
  return header === undefined || header === md5.toString('base64')
}

/** PutObject: stores the body as an object. */
export async function putObject(request: OssRequest, deps: OssDeps): Promise<void> {
  const { ctx, bucket, key } = request
  const headers = ctx.req.headers
  if (headers['x-oss-forbid-overwrite'] === 'true' && deps.store.getObject(bucket, key)) {
    throw ossError.fileAlreadyExists()
  }
  if (Number(headers['content-length'] ?? 0) > MAX_SINGLE_OBJECT) throw ossError.entityTooLarge()
  const blob = await receiveBlob(readBody(ctx), deps.store.blobs, {
    maxSize: MAX_SINGLE_OBJECT,
    onTooLarge: () => ossError.entityTooLarge(),
  })
  if (!checkContentMd5(headers['content-md5'] as string | undefined, blob.md5)) {
    await deps.store.blobs.remove(blob.ref)
    throw ossError.invalidDigest()
  }
  const etag = blob.md5.toString('hex').toUpperCase()
  await deps.store.putObject({
    bucket,
    key,
    size: blob.size,
    etag,
    crc64: blob.crcStored.toString(),
    contentType: headers['content-type'] || 'application/octet-stream',
    lastModified: deps.clock.now(),
    type: 'Normal',
    meta: keptHeaders(headers),
    segments: [{ ref: blob.ref, size: blob.size }],
  })
  send(ctx, 200, {
    ...ossResponseHeaders(ctx, deps),
    ETag: quoted(etag),
    'Content-MD5': blob.md5.toString('base64'),
    'x-oss-hash-crc64ecma': blob.crcReceived.toString(),
  })
}

/** Parses a Range header against an object size; undefined means "the whole object". */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return undefined
  let start: number
  let end: number
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0) return undefined
    start = Math.max(0, size - suffix)
    end = size
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size : Math.min(size, Number(match[2]) + 1)
    if (match[2] !== '' && Number(match[2]) < start) return undefined
  }
  if (start >= size) return 'unsatisfiable'
  return { start, end }
}

/** GetObject and HeadObject, with Range support. */
export async function getObject(request: OssRequest, deps: OssDeps): Promise<void> {
  const { ctx, bucket, key } = request
  const object = deps.store.getObject(bucket, key)
  if (!object) throw ossError.noSuchKey(key)
  const base = {
    ...ossResponseHeaders(ctx, deps),
    'Content-Type': object.contentType,
    ETag: quoted(object.etag),
    'Last-Modified': new Date(object.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-oss-object-type': object.type,
    'x-oss-storage-class': 'Standard',
    'x-oss-hash-crc64ecma': object.crc64,
    ...object.meta,
  }
  let range = parseRange(ctx.req.headers.range, object.size)
  if (range === 'unsatisfiable') {
    if (ctx.req.headers['x-oss-range-behavior'] === 'standard') {
      throw ossError.invalidRange()
    }
    range = undefined
  }
  const start = range?.start ?? 0
  const end = range?.end ?? object.size
  const headers = {
    ...base,
    'Content-Length': String(end - start),
    ...(range ? { 'Content-Range': `bytes ${start}-${end - 1}/${object.size}` } : {}),
  }
  const status = range ? 206 : 200
  if (ctx.req.method === 'HEAD') {
    send(ctx, status, headers)
    return
  }
  await sendStream(ctx, status, headers, deps.store.readObject(object, start, end))
}

/** DeleteObject: 204 whether or not the object existed. */
export async function deleteObject(request: OssRequest, deps: OssDeps): Promise<void> {
  await deps.store.deleteObject(request.bucket, request.key)
  send(request.ctx, 204, ossResponseHeaders(request.ctx, deps))
}
