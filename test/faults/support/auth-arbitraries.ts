import { randomBytes } from 'node:crypto'
import fc from 'fast-check'

/** Secrets planted in the generated UploadAuth strings: no error may repeat them. */
export const PLANTED = {
  accessKeySecret: `plantedAccessKeySecret${randomBytes(8).toString('hex')}`,
  securityToken: `CAISplantedSecurityToken${randomBytes(16).toString('hex')}`,
}

const base64Of = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const base64Json = (value: unknown) => base64Of(JSON.stringify(value))

/** A well-formed UploadAuth object, as CreateUploadVideo answers it (with the planted secrets). */
export function validUploadAuth(): Record<string, unknown> {
  return {
    AccessKeyId: 'STS.plantedAccessKeyId',
    AccessKeySecret: PLANTED.accessKeySecret,
    SecurityToken: PLANTED.securityToken,
    Expiration: '3000',
    ExpireUTCTime: new Date(Date.now() + 3_000_000).toISOString(),
    Region: 'cn-shanghai',
  }
}

/** A well-formed UploadAddress object pointing at `endpoint`. */
export function validUploadAddress(endpoint: string): Record<string, unknown> {
  return { Endpoint: endpoint, Bucket: 'outin-vodup-emulator', FileName: 'sv/faults/planted.mp4' }
}

/** Text that base64 decoding refuses: a character outside the alphabet, or a length no base64 has. */
const notBase64 = fc.oneof(
  fc
    .tuple(
      fc.base64String(),
      fc.constantFrom(...'!#$%&()*,.:;<>?@[]^`{|}~"\'\\'),
      fc.base64String(),
    )
    .map(([a, bad, b]) => a + bad + b),
  fc.base64String({ minLength: 4 }).map((text) => `${text.replace(/=+$/, '')}A=B`),
  fc.stringMatching(/^(?:[A-Za-z0-9+/]{4}){0,8}[A-Za-z0-9+/]$/),
)

/** base64 of bytes that are not UTF-8. */
const notUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 40 })
  .map((bytes) => Buffer.from([...bytes, 0xff, 0xfe]).toString('base64'))

const isJson = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** base64 of text that is not JSON. */
const notJson = fc
  .string({ unit: 'grapheme', minLength: 1 })
  .filter((text) => !isJson(text))
  .map(base64Of)

/** base64 of JSON that is not an object. */
const notObject = fc
  .oneof(
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue(), { maxLength: 4 }),
  )
  .map(base64Json)

/** Not a string, or an empty one. */
const notText = fc.constantFrom<unknown>(undefined, null, '', '   ', 42, true, {}, [])

/** JSON values that are not non-empty strings. */
const wrongTyped = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', '   '),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
)

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/

/** Per field of UploadAuth: values it must refuse. */
const BAD_AUTH_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  AccessKeyId: wrongTyped,
  AccessKeySecret: wrongTyped,
  SecurityToken: wrongTyped,
  Region: fc.oneof(
    wrongTyped,
    fc.string({ minLength: 1 }).filter((s) => !REGION.test(s)),
  ),
  Expiration: fc.oneof(
    fc.boolean(),
    fc.constant(null),
    fc.integer({ max: 0 }),
    fc.constantFrom('soon', '-5', '0', '', '1e3s'),
    fc.array(fc.integer(), { maxLength: 2 }),
  ),
  ExpireUTCTime: fc.oneof(
    fc.boolean(),
    fc.integer(),
    fc.constant(null),
    fc.constantFrom('tomorrow', '2026-13-45', '', '12:00'),
  ),
}

/** Per field of UploadAddress: values it must refuse. */
const BAD_ADDRESS_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  Endpoint: fc.oneof(
    wrongTyped,
    fc.constantFrom('ftp://oss.example.com', 'http://host/path', 'https://a b', 'http://', '://x'),
  ),
  Bucket: fc.oneof(
    wrongTyped,
    fc.string({ minLength: 1, maxLength: 70 }).filter((s) => !BUCKET.test(s)),
  ),
  FileName: fc.oneof(
    wrongTyped,
    fc.string().map((s) => `/${s}`),
    fc.string().map((s) => `\\${s}`),
    fc.constant('x'.repeat(1024)),
  ),
}

/** Required fields (or groups of which one is required) whose absence must be refused. */
const REQUIRED_AUTH: string[][] = [
  ['AccessKeyId'],
  ['AccessKeySecret'],
  ['SecurityToken'],
  ['Region'],
  ['Expiration', 'ExpireUTCTime'],
]
const REQUIRED_ADDRESS: string[][] = [['Endpoint'], ['Bucket'], ['FileName']]

function malformed(
  valid: () => Record<string, unknown>,
  required: string[][],
  badFields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<string> {
  const missing = fc.subarray(required, { minLength: 1 }).map((groups) => {
    const value = valid()
    for (const field of groups.flat()) delete value[field]
    return base64Json(value)
  })
  const wrong = fc
    .constantFrom(...Object.keys(badFields))
    .chain((field) => badFields[field].map((bad) => ({ field, bad })))
    .map(({ field, bad }) => base64Json({ ...valid(), [field]: bad }))
  return fc.oneof(missing, wrong)
}

/** An UploadAuth string that must be refused with AUTH_INVALID. */
export function badUploadAuth(): fc.Arbitrary<unknown> {
  return fc.oneof(
    notText,
    notBase64,
    notUtf8,
    notJson,
    notObject,
    malformed(validUploadAuth, REQUIRED_AUTH, BAD_AUTH_FIELDS),
  )
}

/** An UploadAddress string that must be refused with AUTH_INVALID. */
export function badUploadAddress(endpoint: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    notText,
    notBase64,
    notUtf8,
    notJson,
    notObject,
    malformed(() => validUploadAddress(endpoint), REQUIRED_ADDRESS, BAD_ADDRESS_FIELDS),
  )
}

/** A VOD answer of which the UploadAuth, the UploadAddress or both are malformed. */
export function badAnswer(
  endpoint: string,
): fc.Arbitrary<{ uploadAuth: unknown; uploadAddress: unknown }> {
  const goodAuth = base64Json(validUploadAuth())
  const goodAddress = base64Json(validUploadAddress(endpoint))
  return fc.oneof(
    badUploadAuth().map((uploadAuth) => ({ uploadAuth, uploadAddress: goodAddress })),
    badUploadAddress(endpoint).map((uploadAddress) => ({ uploadAuth: goodAuth, uploadAddress })),
    fc.record({ uploadAuth: badUploadAuth(), uploadAddress: badUploadAddress(endpoint) }),
  )
}

/** A host that is not loopback: private and link-local addresses (cloud metadata), public ones, names, IPv6. */
const remoteHost: fc.Arbitrary<string> = fc.oneof(
  fc.ipV4().filter((ip) => !ip.startsWith('127.')),
  fc.constantFrom(
    '10.0.0.1',
    '169.254.169.254',
    '192.168.1.10',
    '172.16.0.5',
    '0.0.0.0',
    '[fd00::1]',
    '[::2]',
  ),
  fc.domain().filter((name) => name !== 'localhost'),
)

/**
 * A VOD answer whose UploadAddress is well formed but points at plain `http://` on a host that is not loopback: the
 * security token would cross the network in clear, so every flow must refuse it (`AUTH_INVALID` on
 * `UploadAddress.Endpoint`) before a request is sent. Flows check it, not the decoders.
 */
export function plainHttpAnswer(): fc.Arbitrary<{ uploadAuth: unknown; uploadAddress: unknown }> {
  const goodAuth = base64Json(validUploadAuth())
  return fc
    .tuple(remoteHost, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
    .map(([host, port]) => ({
      uploadAuth: goodAuth,
      uploadAddress: base64Json(validUploadAddress(`http://${host}${port ? `:${port}` : ''}`)),
    }))
}
