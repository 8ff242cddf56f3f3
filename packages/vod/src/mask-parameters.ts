/**
 * The RPC parameters whose values are secret or signed: the signature proves the secret, the security token is a
 * credential. A server's error text that echoes the request (its query, its string to sign) has their values
 * masked by structure (the parameter's name and the value's extent), never by searching the text for a secret.
 */
export const SECRET_PARAMETERS = ['Signature', 'SecurityToken', 'AccessKeySecret'] as const

const NAMES = SECRET_PARAMETERS.join('|')
const MASK = '[redacted]'

/** `Name=value` in a query, up to `&`, a quote, whitespace or `<`. */
const RAW = new RegExp(`(^|%26|%2526|[^A-Za-z0-9])(${NAMES})=[^&\\s"'<>]*`, 'g')
/** `Name%3Dvalue` percent-encoded once (a string to sign), up to `%26`. */
const ONCE = new RegExp(`(^|%26|%2526|[^A-Za-z0-9])(${NAMES})%3D(?:(?!%26)[^\\s"'<>&])*`, 'gi')
/** `Name%253Dvalue` percent-encoded twice, up to `%2526`. */
const TWICE = new RegExp(`(^|%26|%2526|[^A-Za-z0-9])(${NAMES})%253D(?:(?!%2526)[^\\s"'<>&])*`, 'gi')
/** `"Name": "value"` in JSON. */
const JSON_FIELD = new RegExp(`"(${NAMES})"(\\s*):(\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g')
/** `<Name>value</Name>` in XML. */
const XML_ELEMENT = new RegExp(`<(${NAMES})>[^<]*</\\1>`, 'g')

/** A server's text with the values of {@link SECRET_PARAMETERS} masked wherever the text quotes them as parameters. */
export function maskSecretParameters(text: string): string {
  return text
    .replace(RAW, (_m, before: string, name: string) => `${before}${name}=${MASK}`)
    .replace(TWICE, (_m, before: string, name: string) => `${before}${name}%253D${MASK}`)
    .replace(ONCE, (_m, before: string, name: string) => `${before}${name}%3D${MASK}`)
    .replace(JSON_FIELD, (_m, name: string, a: string, b: string) => `"${name}"${a}:${b}"${MASK}"`)
    .replace(XML_ELEMENT, (_m, name: string) => `<${name}>${MASK}</${name}>`)
}
