import {
  type CompletedObject,
  getHeader,
  type HttpResponse,
  isUploadError,
  type PartRecord,
  type TargetContext,
  UploadError,
} from '@vodup/core'
import { crc64OfParts } from '../crc64'
import { md5Base64OfText } from '../hashes'
import { integrityMismatch } from '../integrity'
import { callOss, type OssRuntime } from '../request'
import { elementOf, escapeXmlText, parseXml, textOf } from '../xml'
import { findCompletedObject } from './find-completed-object'
import { objectHeaders } from './object-headers'

const OPERATION = 'CompleteMultipartUpload'

/** The CompleteMultipartUpload body: parts ascending, ETags as OSS returned them (quotes included). */
export function completeUploadXml(parts: readonly PartRecord[]): string {
  const lines = parts.map(
    (part) =>
      `<Part>\n<PartNumber>${part.n}</PartNumber>\n<ETag>${escapeXmlText(part.etag)}</ETag>\n</Part>\n`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n${lines.join('')}</CompleteMultipartUpload>`
}

function checkParts(parts: readonly PartRecord[]): void {
  if (parts.length === 0) {
    throw new UploadError('INVALID_ARGUMENT', 'CompleteMultipartUpload needs at least one part.', {
      field: 'parts',
      operation: OPERATION,
    })
  }
  for (let i = 1; i < parts.length; i++) {
    if (parts[i].n <= parts[i - 1].n) {
      throw new UploadError(
        'INVALID_ARGUMENT',
        `CompleteMultipartUpload needs parts in ascending order without repeats; part ${parts[i].n} follows part ${parts[i - 1].n}.`,
        { field: 'parts', operation: OPERATION },
      )
    }
  }
}

/**
 * `POST /key?uploadId=ID` with the part list (and its Content-MD5). When every part has a CRC-64, the object's
 * `x-oss-hash-crc64ecma` must equal their combination: a mismatch is a non-retryable `INTEGRITY_MISMATCH`. A
 * `NoSuchUpload` answer after an earlier Complete's answer was lost is recognised from the object itself.
 */
export async function completeUpload(
  context: TargetContext,
  runtime: OssRuntime,
  uploadId: string,
  parts: readonly PartRecord[],
): Promise<CompletedObject> {
  checkParts(parts)
  const body = completeUploadXml(parts)
  let response: HttpResponse
  try {
    response = await callOss(context, runtime, {
      operation: OPERATION,
      method: 'POST',
      query: [['uploadId', uploadId]],
      headers: {
        ...objectHeaders(context),
        'Content-Type': 'application/xml',
        'Content-MD5': md5Base64OfText(body),
      },
      body,
    })
  } catch (error) {
    if (!isUploadError(error) || error.code !== 'NO_SUCH_UPLOAD') throw error
    const completed = await findCompletedObject(context, runtime, parts)
    if (completed) return completed
    throw error
  }
  const result = elementOf(parseXml(response.body)?.CompleteMultipartUploadResult)
  const etag = getHeader(response.headers, 'etag') ?? textOf(result?.ETag)
  const location = textOf(result?.Location)
  const serverCrc = getHeader(response.headers, 'x-oss-hash-crc64ecma')
  const verifiable = runtime.options.verifyCrc64 && parts.every((p) => p.crc64 !== undefined)
  if (verifiable && serverCrc !== undefined) {
    const local = crc64OfParts(parts as Array<PartRecord & { crc64: string }>)
    if (local !== serverCrc) {
      throw integrityMismatch(
        `OSS assembled the object with CRC-64 ${serverCrc}, but the parts sent combine to ${local}: the stored object differs from the file.`,
        OPERATION,
        { retryable: false, requestId: getHeader(response.headers, 'x-oss-request-id') },
      )
    }
  }
  return {
    ...(etag ? { etag } : {}),
    ...(serverCrc ? { crc64: serverCrc } : {}),
    ...(location ? { location } : {}),
  }
}
