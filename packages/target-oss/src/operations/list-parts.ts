import type { HttpResponse, PartRecord, TargetContext } from '@vodup/core'
import { isCrc64Decimal } from '../crc64'
import { badResponse } from '../integrity'
import { contentTypeOf } from '../mime'
import { callOss, type OssRuntime } from '../request'
import { elementOf, listOf, parseXml, textOf, type XmlElement, type XmlValue } from '../xml'

const OPERATION = 'ListParts'
/** Parts asked for per page (OSS's maximum). */
const PAGE_SIZE = 1000
/** Most parts an upload can have, hence most parts a listing may hold. */
export const MAX_LISTED_PARTS = 10_000
/**
 * Most pages read for one listing: a server that pages ten times finer than asked still fits; one that never
 * stops (a marker that grows forever, pages that never end) is cut off with a `BAD_RESPONSE`.
 */
export const MAX_LIST_PAGES = 100
/** Most bytes of one page read: a full page of 1,000 parts is about 250 KB. */
export const LIST_PAGE_LIMIT = 2 * 1024 * 1024

/** An answer no honest server gives: asking again would get the same, so it is not retried. */
const failure = (message: string) =>
  badResponse(`OSS answered ListParts ${message}`, OPERATION, { retryable: false })

function partOf(value: XmlValue): PartRecord {
  const part = elementOf(value)
  const n = Number(textOf(part?.PartNumber))
  const size = Number(textOf(part?.Size))
  const etag = textOf(part?.ETag)
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_LISTED_PARTS) {
    throw failure('with a part number outside 1–10,000.')
  }
  if (!Number.isSafeInteger(size) || size < 0 || !etag || etag.length > 128) {
    throw failure('with a part that lacks a size or an ETag.')
  }
  const crc64 = textOf(part?.HashCrc64ecma)
  return { n, etag, size, ...(crc64 && isCrc64Decimal(crc64) ? { crc64 } : {}) }
}

function pageOf(response: HttpResponse): XmlElement {
  if (response.truncated) {
    throw failure(`with a page longer than ${LIST_PAGE_LIMIT} bytes: it was not read.`)
  }
  const result = elementOf(parseXml(response.body)?.ListPartsResult)
  if (!result) throw failure('without a ListPartsResult.')
  return result
}

/**
 * `GET /key?uploadId=ID`, page by page: every part the server holds for the upload, ascending. Bounded against a
 * broken or hostile server: at most {@link MAX_LISTED_PARTS} parts and {@link MAX_LIST_PAGES} pages of at most
 * {@link LIST_PAGE_LIMIT} bytes, and each truncated page must hold parts and move the marker forward; anything
 * else is a `BAD_RESPONSE`.
 */
export async function listParts(
  context: TargetContext,
  runtime: OssRuntime,
  uploadId: string,
): Promise<PartRecord[]> {
  const parts: PartRecord[] = []
  let marker = 0
  for (let page = 1; ; page++) {
    const response = await callOss(context, runtime, {
      operation: OPERATION,
      method: 'GET',
      query: [
        ['uploadId', uploadId],
        ['max-parts', String(PAGE_SIZE)],
        ['part-number-marker', String(marker)],
      ],
      headers: { 'Content-Type': contentTypeOf(context.authorization.destination.objectKey) },
      maxResponseBytes: LIST_PAGE_LIMIT,
    })
    const result = pageOf(response)
    const listed = listOf(result.Part)
    if (parts.length + listed.length > MAX_LISTED_PARTS) {
      throw failure(`with more than ${MAX_LISTED_PARTS} parts, which no upload can have.`)
    }
    for (const part of listed) parts.push(partOf(part))
    if (textOf(result.IsTruncated) !== 'true') break
    const next = Number(textOf(result.NextPartNumberMarker))
    if (listed.length === 0 || !Number.isSafeInteger(next) || next <= marker) {
      throw failure('with a truncated page whose next marker does not move forward.')
    }
    if (next >= MAX_LISTED_PARTS) {
      throw failure(`with a truncated page past part ${MAX_LISTED_PARTS}.`)
    }
    if (page >= MAX_LIST_PAGES) {
      throw failure(`with more than ${MAX_LIST_PAGES} pages.`)
    }
    marker = next
  }
  return parts.sort((a, b) => a.n - b.n)
}
