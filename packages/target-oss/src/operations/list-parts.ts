import type { PartRecord, TargetContext } from '@vodup/core'
import { isCrc64Decimal } from '../crc64'
import { badResponse } from '../integrity'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'
import { elementOf, listOf, parseXml, textOf, type XmlValue } from '../xml'

const OPERATION = 'ListParts'
const PAGE_SIZE = 1000

function partOf(value: XmlValue): PartRecord {
  const part = elementOf(value)
  const n = Number(textOf(part?.PartNumber))
  const size = Number(textOf(part?.Size))
  const etag = textOf(part?.ETag)
  if (!Number.isSafeInteger(n) || n < 1 || !Number.isSafeInteger(size) || size < 0 || !etag) {
    throw badResponse(
      'OSS answered ListParts with a part that lacks a number, size or ETag.',
      OPERATION,
    )
  }
  const crc64 = textOf(part?.HashCrc64ecma)
  return { n, etag, size, ...(crc64 && isCrc64Decimal(crc64) ? { crc64 } : {}) }
}

/** `GET /key?uploadId=ID`, page by page: every part the server holds for the upload, ascending. */
export async function listParts(
  context: TargetContext,
  runtime: OssRuntime,
  uploadId: string,
): Promise<PartRecord[]> {
  const parts: PartRecord[] = []
  let marker = '0'
  for (;;) {
    const response = await callOss(context, runtime, {
      operation: OPERATION,
      method: 'GET',
      query: [
        ['uploadId', uploadId],
        ['max-parts', String(PAGE_SIZE)],
        ['part-number-marker', marker],
      ],
      headers: { 'Content-Type': contentTypeOf(context.authorization.destination.objectKey) },
    })
    const result = elementOf(parseXml(response.body)?.ListPartsResult)
    if (!result) throw badResponse('OSS answered ListParts without a ListPartsResult.', OPERATION)
    for (const part of listOf(result.Part)) parts.push(partOf(part))
    const next = textOf(result.NextPartNumberMarker)
    if (textOf(result.IsTruncated) !== 'true') break
    if (!next || next === marker) {
      throw badResponse('OSS answered a truncated ListParts page without a next marker.', OPERATION)
    }
    marker = next
  }
  return parts.sort((a, b) => a.n - b.n)
}
