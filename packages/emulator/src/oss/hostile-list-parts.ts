import { Readable } from 'node:stream'
import type { HostileListPartsFault } from '../fault-types.js'
import type { UploadRecord } from '../storage/object-store.js'
import { escapeXml, render, type XmlFields } from './xml.js'

const PARTS_PER_CHUNK = 512

/** The elements of a ListParts answer that precede its parts. */
export function listPartsHead(
  upload: UploadRecord,
  page: { marker: number; next: number; maxParts: number; truncated: boolean },
): XmlFields {
  return [
    ['Bucket', upload.bucket],
    ['Key', upload.key],
    ['UploadId', upload.uploadId],
    ['StorageClass', 'Standard'],
    ['PartNumberMarker', page.marker],
    ['NextPartNumberMarker', page.next],
    ['MaxParts', page.maxParts],
    ['IsTruncated', page.truncated],
  ]
}

/** A made-up part `n`: what a hostile server lists, never what was uploaded. */
function fakePart(n: number, lastModified: string): string {
  const hex = n.toString(16).toUpperCase().padStart(8, '0').repeat(4)
  return `  <Part>\n    <PartNumber>${n}</PartNumber>\n    <LastModified>${lastModified}</LastModified>\n    <ETag>"${hex}"</ETag>\n    <HashCrc64ecma>${n}</HashCrc64ecma>\n    <Size>102400</Size>\n  </Part>\n`
}

/**
 * The body of a ListParts answer no honest server gives (see {@link HostileListPartsFault}), generated as it
 * is sent: a million parts (about 200 MB of XML) never sit in memory.
 */
export function hostileListPartsBody(
  fault: HostileListPartsFault,
  upload: UploadRecord,
  request: { marker: number; maxParts: number; now: number },
): Readable {
  const { marker, maxParts } = request
  const count = fault.parts ?? (fault.mode === 'huge' ? 1_000_000 : maxParts)
  const next =
    fault.mode === 'stuck'
      ? marker
      : fault.mode === 'endless'
        ? marker + Math.max(count, 1)
        : marker + count
  const fields = listPartsHead(upload, {
    marker,
    next,
    maxParts,
    truncated: fault.mode !== 'huge',
  })
  const lastModified = escapeXml(new Date(request.now).toISOString())
  return Readable.from(
    (function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult>\n${render(fields, '  ')}`
      for (let first = 1; first <= count; first += PARTS_PER_CHUNK) {
        let chunk = ''
        const last = Math.min(count, first + PARTS_PER_CHUNK - 1)
        for (let i = first; i <= last; i++) chunk += fakePart(marker + i, lastModified)
        yield chunk
      }
      yield '</ListPartsResult>\n'
    })(),
  )
}
