import { XMLParser } from 'fast-xml-parser'

/** A parsed XML element: text, child elements by name, or repeated elements as a list. */
export type XmlValue = string | XmlElement | XmlValue[]
/** Child elements by name. */
export interface XmlElement {
  [name: string]: XmlValue
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Keep every value as text: upload ids and ETags can look like numbers.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
})

/**
 * Parses OSS response XML into elements; undefined when the text is not XML, or declares a DTD or entities (OSS
 * never does; a hostile server could, to make the parser expand them).
 */
export function parseXml(text: string): XmlElement | undefined {
  if (!/^\s*</.test(text) || /<!(?:DOCTYPE|ENTITY)/i.test(text)) return undefined
  try {
    const parsed: unknown = parser.parse(text)
    return typeof parsed === 'object' && parsed !== null ? (parsed as XmlElement) : undefined
  } catch {
    return undefined
  }
}

/** The text of an element, or undefined when it is absent or not text. */
export function textOf(value: XmlValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** An element's children, or undefined. */
export function elementOf(value: XmlValue | undefined): XmlElement | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined
}

/** A repeated element as a list (one occurrence parses as a single element). */
export function listOf(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/**
 * What an OSS error body says. Only these fields are kept: the body may also echo the StringToSign (which holds
 * the security token), the signature and the AccessKeyId, and those must go no further.
 */
export interface OssErrorBody {
  /** OSS error code, e.g. `NoSuchUpload`. */
  code: string
  /** OSS's message for people. */
  message: string
  requestId?: string
  hostId?: string
  /** Server time, sent with `RequestTimeTooSkewed`. */
  serverTime?: string
  /** OSS's detailed error code (`EC`), e.g. `0002-00000007`. */
  ec?: string
}

/** Parses an OSS `<Error>` body; undefined when the text is not one. */
export function parseOssErrorXml(text: string): OssErrorBody | undefined {
  const error = elementOf(parseXml(text)?.Error)
  const code = textOf(error?.Code)
  if (!error || !code) return undefined
  const optional = (name: string) => {
    const value = textOf(error[name])
    return value ? value : undefined
  }
  const body: OssErrorBody = { code, message: textOf(error.Message) ?? '' }
  const requestId = optional('RequestId')
  const hostId = optional('HostId')
  const serverTime = optional('ServerTime')
  const ec = optional('EC')
  if (requestId) body.requestId = requestId
  if (hostId) body.hostId = hostId
  if (serverTime) body.serverTime = serverTime
  if (ec) body.ec = ec
  return body
}

/** Escapes text for an XML element. */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
