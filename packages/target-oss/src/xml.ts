import { parse, type TNode } from 'txml/txml'

/** A parsed XML element: text, child elements by name, or repeated elements as a list. */
export type XmlValue = string | XmlElement | XmlValue[]
/** Child elements by name. */
export interface XmlElement {
  [name: string]: XmlValue
}

/** No element is empty by name (txml's HTML default makes `<img>`, `<br>`... childless). */
const NO_VOID_ELEMENTS: string[] = []

/** An element's value: its text when it holds no element, else its children by name (repeats as a list). */
function elementValue(node: TNode): XmlValue {
  const elements = node.children.filter((child): child is TNode => typeof child !== 'string')
  if (elements.length === 0) return node.children.join('').trim()
  // No prototype: an element named `__proto__` or `constructor` is a name like any other.
  const element: XmlElement = Object.create(null)
  for (const child of elements) {
    const value = elementValue(child)
    const seen = element[child.tagName]
    // A value is never a list itself, so a list is a repeated element.
    if (seen === undefined) element[child.tagName] = value
    else if (Array.isArray(seen)) seen.push(value)
    else element[child.tagName] = [seen, value]
  }
  return element
}

/**
 * Parses OSS response XML into elements (tXml, a small non-validating parser that expands no entity but the five
 * predefined ones and character references); undefined when the text is not one whole XML document, or declares
 * a DTD or entities (OSS never does; a hostile server could, to make a parser expand them).
 */
export function parseXml(text: string): XmlElement | undefined {
  if (!/^\s*</.test(text) || /<!(?:DOCTYPE|ENTITY)/i.test(text)) return undefined
  try {
    const nodes = parse(text, { decodeEntities: true, selfClosingTags: NO_VOID_ELEMENTS })
    const root = nodes.filter(
      (node): node is TNode => typeof node !== 'string' && node.tagName[0] !== '?',
    )
    // One root, closed: a cut answer (the parser accepts unclosed elements) is no document.
    const end = text.trimEnd()
    const closed = (node: TNode) =>
      end.endsWith(`</${node.tagName}>`) || (node.children.length === 0 && end.endsWith('/>'))
    if (root.length !== 1 || !closed(root[0])) return undefined
    const document: XmlElement = Object.create(null)
    document[root[0].tagName] = elementValue(root[0])
    return document
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
