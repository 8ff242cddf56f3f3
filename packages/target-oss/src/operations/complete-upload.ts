import {
  type CompletedObject,
  isUploadError,
  type PartRecord,
  type TargetContext,
  UploadError,
} from '@vodup/core'
import { crc64OfParts } from '../crc64'
import { md5Base64OfText } from '../hashes'
import { badResponse, multipartEtag } from '../integrity'
import { callOss, type OssRuntime } from '../request'
import { elementOf, escapeXmlText, parseXml, textOf } from '../xml'
import { findCompletedObject } from './find-completed-object'
import { objectHeaders } from './object-headers'
import { type ExpectedObject, proveObject } from './prove-object'

const OPERATION = 'CompleteMultipartUpload'

/** The CompleteMultipartUpload body: parts ascending, ETags as OSS returned them (quotes included). */
export function completeUploadXml(parts: readonly PartRecord[]): string {
  const lines = parts.map(
    (part) =>
      `<Part>\n<PartNumber>${part.n}</PartNumber>\n<ETag>${escapeXmlText(part.etag)}</ETag>\n</Part>\n`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n${lines.join('')}</CompleteMultipartUpload>`
}

function invalidParts(message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field: 'parts', operation: OPERATION })
}

function checkParts(parts: readonly PartRecord[]): void {
  if (parts.length === 0) throw invalidParts('CompleteMultipartUpload needs at least one part.')
  for (let i = 1; i < parts.length; i++) {
    if (parts[i].n <= parts[i - 1].n) {
      throw invalidParts(
        `CompleteMultipartUpload needs parts in ascending order without repeats; part ${parts[i].n} follows part ${parts[i - 1].n}.`,
      )
    }
  }
}

/**
 * What the object must prove, from the parts: their combined CRC-64 (every part must have one), and where the
 * target uses MD5, the multipart ETag of their ETags.
 */
function expectedObject(runtime: OssRuntime, parts: readonly PartRecord[]): ExpectedObject {
  const { integrity } = runtime.options
  const expected: ExpectedObject = {}
  if (integrity !== 'md5') {
    const missing = parts.find((part) => part.crc64 === undefined)
    if (missing) {
      throw invalidParts(
        `Part ${missing.n} has no CRC-64, so the object could not be proven; it must be sent again.`,
      )
    }
    expected.crc64 = crc64OfParts(parts as Array<PartRecord & { crc64: string }>)
  }
  if (integrity !== 'crc64') {
    const etag = multipartEtag(parts.map((part) => part.etag))
    if (!etag) throw invalidParts('A part ETag is not an MD5, so the object could not be proven.')
    expected.etag = etag
  }
  return expected
}

/**
 * `POST /key?uploadId=ID` with the part list (and its Content-MD5). Success needs a `CompleteMultipartUploadResult`
 * body and the object's proof: its `x-oss-hash-crc64ecma` equal to the parts' combined CRC-64 (with
 * `integrity: 'md5'` or `'both'`, its ETag equal to the MD5 of the parts' MD5s). A proof that differs is a
 * non-retryable `INTEGRITY_MISMATCH`; an answer that proves nothing (no header, another body) is checked once with
 * HeadObject, then a non-retryable `BAD_RESPONSE`. A `NoSuchUpload` answer after an earlier Complete's answer was
 * lost is recognised from the object itself.
 */
export async function completeUpload(
  context: TargetContext,
  runtime: OssRuntime,
  uploadId: string,
  parts: readonly PartRecord[],
): Promise<CompletedObject> {
  checkParts(parts)
  const expected = expectedObject(runtime, parts)
  const body = completeUploadXml(parts)
  let response: Awaited<ReturnType<typeof callOss>>
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
    const completed = await findCompletedObject(context, runtime, parts, expected)
    if (completed) return completed
    throw error
  }
  const result = response.truncated
    ? undefined
    : elementOf(parseXml(response.body)?.CompleteMultipartUploadResult)
  if (!result) {
    const completed = await findCompletedObject(context, runtime, parts, expected)
    if (completed) return completed
    throw badResponse(
      `OSS answered ${OPERATION} with HTTP ${response.status} and a body that is not a CompleteMultipartUploadResult: nothing proves that the object equals the file.`,
      OPERATION,
      { status: response.status, retryable: false },
    )
  }
  const bodyEtag = textOf(result.ETag)
  const headers =
    bodyEtag && !('etag' in response.headers)
      ? { ...response.headers, etag: bodyEtag }
      : response.headers
  let proven: CompletedObject
  try {
    proven = proveObject({ ...response, headers }, OPERATION, expected)
  } catch (error) {
    if (!isUploadError(error) || error.code !== 'BAD_RESPONSE') throw error
    const completed = await findCompletedObject(context, runtime, parts, expected)
    if (completed) return completed
    throw error
  }
  const location = textOf(result.Location)
  return { ...proven, ...(location ? { location } : {}) }
}
