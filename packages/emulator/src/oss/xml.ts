/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** A value for {@link xmlDocument}: text, a nested element list, or a repeated element. */
export type XmlValue = string | number | boolean | XmlFields | XmlFields[]
/** Element name → value, in document order. */
export type XmlFields = [name: string, value: XmlValue][]

/** Elements of {@link xmlDocument}'s body, indented by `indent`. */
export function render(fields: XmlFields, indent: string): string {
  let out = ''
  for (const [name, value] of fields) {
    if (
      Array.isArray(value) &&
      value.length > 0 &&
      Array.isArray(value[0]) &&
      Array.isArray(value[0][0])
    ) {
      for (const item of value as XmlFields[])
        out += `${indent}<${name}>\n${render(item, `${indent}  `)}${indent}</${name}>\n`
    } else if (Array.isArray(value)) {
      out += `${indent}<${name}>\n${render(value as XmlFields, `${indent}  `)}${indent}</${name}>\n`
    } else {
      out += `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`
    }
  }
  return out
}

/** An XML document with one root element, as OSS formats its bodies. */
export function xmlDocument(root: string, fields: XmlFields): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>\n${render(fields, '  ')}</${root}>\n`
}
