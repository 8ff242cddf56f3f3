import type { PartRecord } from '@vodup/core'
import { UploadError } from '@vodup/core'
import { XMLParser } from 'fast-xml-parser'

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true })

type XmlNode = Record<string, unknown>

function parse(text: string, operation: string): XmlNode {
  try {
    return parser.parse(text) as XmlNode
  } catch (error) {
    throw new UploadError('BAD_RESPONSE', `S3 ${operation} answered XML that does not parse.`, {
      operation,
      cause: error,
    })
  }
}

function child(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null ? (node as XmlNode)[name] : undefined
}

function text(node: unknown, name: string): string | undefined {
  const value = child(node, name)
  return typeof value === 'string' ? value : undefined
}

/** The code, message and request id of an S3 `<Error>` body, where there is one. */
export function parseS3Error(body: string): {
  code?: string
  message?: string
  requestId?: string
} {
  if (!body.includes('<Error')) return {}
  try {
    const error = child(parser.parse(body), 'Error')
    return {
      code: text(error, 'Code'),
      message: text(error, 'Message'),
      requestId: text(error, 'RequestId'),
    }
  } catch {
    return {}
  }
}

/** True when a 200 response carries an `<Error>` instead of its result (CompleteMultipartUpload does this). */
export function isErrorBody(body: string): boolean {
  return /<Error[\s>]/.test(body) && parseS3Error(body).code !== undefined
}

function required(node: unknown, name: string, operation: string): string {
  const value = text(node, name)
  if (!value) {
    throw new UploadError('BAD_RESPONSE', `S3 ${operation} answered without ${name}.`, {
      operation,
    })
  }
  return value
}

/** `<InitiateMultipartUploadResult><UploadId>` */
export function parseUploadId(body: string): string {
  const result = child(parse(body, 'CreateMultipartUpload'), 'InitiateMultipartUploadResult')
  return required(result, 'UploadId', 'CreateMultipartUpload')
}

/** One page of `<ListPartsResult>`: its parts and the marker of the next page, if any. */
export function parseListParts(body: string): { parts: PartRecord[]; nextMarker?: string } {
  const result = child(parse(body, 'ListParts'), 'ListPartsResult')
  const entries = child(result, 'Part')
  const list = entries === undefined ? [] : Array.isArray(entries) ? entries : [entries]
  const parts = list.map((entry) => ({
    n: Number(required(entry, 'PartNumber', 'ListParts')),
    etag: required(entry, 'ETag', 'ListParts'),
    size: Number(required(entry, 'Size', 'ListParts')),
  }))
  const truncated = text(result, 'IsTruncated') === 'true'
  return { parts, nextMarker: truncated ? text(result, 'NextPartNumberMarker') : undefined }
}

/** `<CompleteMultipartUploadResult>`: the object's ETag and location. */
export function parseCompleted(body: string): { etag?: string; location?: string } {
  const result = child(parse(body, 'CompleteMultipartUpload'), 'CompleteMultipartUploadResult')
  return { etag: text(result, 'ETag'), location: text(result, 'Location') }
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The body of CompleteMultipartUpload: parts in ascending order with their ETags. */
export function completeUploadXml(parts: readonly PartRecord[]): string {
  const entries = parts
    .map((p) => `<Part><PartNumber>${p.n}</PartNumber><ETag>${escapeXml(p.etag)}</ETag></Part>`)
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload>${entries}</CompleteMultipartUpload>`
}
