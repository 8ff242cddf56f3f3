import { describe, expect, it } from 'vitest'
import { paddedBody, rewriteHead } from './rewrite.js'

describe('answer rewriting', () => {
  it('pads after a marker with one shared filler buffer, whatever the size', async () => {
    const chunks: Buffer[] = []
    for await (const chunk of paddedBody(Buffer.from('<a><m>text</m></a>'), {
      bytes: 1024 * 1024 + 7,
      after: '<m>',
    }))
      chunks.push(chunk)
    const whole = Buffer.concat(chunks)
    expect(whole.length).toBe(1024 * 1024 + 7)
    expect(whole.subarray(0, 8).toString()).toBe('<a><m>xx')
    expect(whole.subarray(-15).toString()).toBe('xxxtext</m></a>')
    const fillers = chunks.slice(1, -1)
    expect(fillers.length).toBeGreaterThan(10)
    // Every filler chunk is a view of the same memory: padding a body costs no allocation per chunk.
    expect(new Set(fillers.map((c) => c.buffer)).size).toBe(1)
  })

  it('appends when the marker is absent and leaves longer bodies alone', async () => {
    const all = async (body: string, bytes: number, after?: string) => {
      const chunks: Buffer[] = []
      for await (const c of paddedBody(Buffer.from(body), { bytes, ...(after ? { after } : {}) }))
        chunks.push(c)
      return Buffer.concat(chunks).toString()
    }
    expect(await all('abc', 6, '<none>')).toBe('abcxxx')
    expect(await all('abcdef', 2)).toBe('abcdef')
  })

  it('drops and sets headers whatever their case, and changes the status', () => {
    expect(
      rewriteHead(
        { status: 200, removeHeaders: ['etag'], setHeaders: { 'X-Oss-Hash-Crc64ecma': '1' } },
        500,
        { ETag: '"A"', 'x-oss-hash-crc64ecma': '99', Date: 'd' },
      ),
    ).toEqual({ status: 200, headers: { Date: 'd', 'X-Oss-Hash-Crc64ecma': '1' } })
  })
})
