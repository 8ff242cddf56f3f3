import { utf8Decode, utf8Encode } from '@vodup/core'

/** The bytes as an ArrayBuffer of exactly their length: the view's own buffer when it covers all of it. */
export function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer as ArrayBuffer
  if (bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer
  return buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
}

/** A request body as wx.request wants it: an ArrayBuffer (text as UTF-8), or nothing. */
export function bodyBuffer(body: Uint8Array | string | undefined): ArrayBuffer | undefined {
  if (body === undefined) return undefined
  return exactArrayBuffer(typeof body === 'string' ? utf8Encode(body) : body)
}

/** True for an ArrayBuffer from any realm (a vm context, the native bridge). */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]'
}

/** A response body as text, whatever form the platform handed it in. */
export function bodyText(data: unknown): string {
  if (data === undefined || data === null) return ''
  if (typeof data === 'string') return data
  if (isArrayBuffer(data)) return utf8Decode(new Uint8Array(data)) ?? ''
  return JSON.stringify(data)
}
