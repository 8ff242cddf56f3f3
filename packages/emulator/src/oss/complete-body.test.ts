import { describe, expect, it } from 'vitest'
import { parseCompleteParts } from './complete-body.js'

const body = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>${inner}</CompleteMultipartUpload>`

describe('CompleteMultipartUpload bodies', () => {
  it('list their parts in document order, entities and CDATA resolved', () => {
    expect(
      parseCompleteParts(
        body(
          '<Part><PartNumber> 2 </PartNumber><ETag>&quot;AB&quot;</ETag></Part>' +
            '<Part><ETag><![CDATA["CD"]]></ETag><PartNumber>1</PartNumber><Extra/></Part>',
        ),
      ),
    ).toEqual([
      { partNumber: 2, etag: '"AB"' },
      { partNumber: 1, etag: '"CD"' },
    ])
  })

  it('are refused when malformed, with a DTD, an entity of their own, an invalid character or too many parts', () => {
    const bad = [
      '<Complete/>',
      body('<Part><PartNumber>1</PartNumber></Part>'),
      body('<Part><PartNumber>x</PartNumber><ETag>a</ETag></Part>'),
      body('<Part><PartNumber>1</PartNumber><ETag>a</ETag>'),
      body('<Part><PartNumber>1</PartNumber><ETag>&#x110000;</ETag></Part>'),
      body('<Part><PartNumber>1</PartNumber><ETag>&e;</ETag></Part>'),
      `<!DOCTYPE c [<!ENTITY e "x">]>${body('<Part><PartNumber>1</PartNumber><ETag>&e;</ETag></Part>')}`,
      `<!DOCTYPE c SYSTEM "file:///etc/passwd">${body('')}`,
      body('<Part><PartNumber>1</PartNumber><ETag><a><b/></a></ETag></Part>'),
      body('<Part><PartNumber>1</PartNumber><ETag>e</ETag></Part>'.repeat(10_001)),
      `${body('')}<trailing/>`,
    ]
    for (const xml of bad) expect(parseCompleteParts(xml), xml.slice(0, 120)).toBeUndefined()
    expect(
      parseCompleteParts(
        body('<Part><PartNumber>1</PartNumber><ETag>e</ETag></Part>'.repeat(10_000)),
      ),
    ).toHaveLength(10_000)
  })

  it('reads a megabyte of unclosed <Part> tags in one pass and refuses it', () => {
    // The regular expression this parser replaced took 48 s over this body (quadratic).
    const hostile = `<CompleteMultipartUpload>${'<Part>'.repeat(180_000)}`
    expect(hostile.length).toBeGreaterThan(1024 * 1024)
    expect(parseCompleteParts(hostile)).toBeUndefined()
  })
})
