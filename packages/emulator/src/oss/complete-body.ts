import { SaxesParser } from 'saxes'

/** A part a CompleteMultipartUpload body lists. */
export interface ListedPart {
  partNumber: number
  etag: string
}

/** OSS takes at most 10,000 parts in one upload. */
const MAX_PARTS = 10_000
const MAX_TEXT = 1024

class Malformed extends Error {}

/**
 * The parts a CompleteMultipartUpload body lists, in document order; undefined when the body is not a
 * well-formed `<CompleteMultipartUpload>` of `<Part>`s with a numeric `<PartNumber>` and an `<ETag>` each.
 * A strict XML parser reads it in one linear pass; document type declarations (and so any entity but XML's
 * own) are refused, as are more than 10,000 parts, nesting past `<Part>` children, and texts over 1 KiB.
 */
export function parseCompleteParts(xml: string): ListedPart[] | undefined {
  const parser = new SaxesParser({ position: false })
  const parts: ListedPart[] = []
  const path: string[] = []
  let part: { number?: string; etag?: string } | undefined
  let text = ''
  const fail = () => {
    throw new Malformed()
  }
  parser.on('error', fail)
  parser.on('doctype', fail)
  parser.on('opentag', (tag) => {
    path.push(tag.name)
    const depth = path.length
    if (depth === 1 && tag.name !== 'CompleteMultipartUpload') fail()
    if (depth === 2 && tag.name === 'Part') {
      if (parts.length >= MAX_PARTS) fail()
      part = {}
    }
    if (depth > 3) fail()
    text = ''
  })
  const addText = (chunk: string) => {
    if (path.length === 3) {
      text += chunk
      if (text.length > MAX_TEXT) fail()
    }
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', (tag) => {
    if (path.length === 3 && part) {
      if (tag.name === 'PartNumber') part.number = text.trim()
      if (tag.name === 'ETag') part.etag = text.trim()
    }
    if (path.length === 2 && tag.name === 'Part') {
      if (!part?.number || part.etag === undefined || !/^\d{1,5}$/.test(part.number)) fail()
      parts.push({ partNumber: Number(part!.number), etag: part!.etag! })
      part = undefined
    }
    path.pop()
  })
  try {
    parser.write(xml).close()
  } catch (error) {
    if (error instanceof Malformed) return undefined
    throw error
  }
  return parts
}
