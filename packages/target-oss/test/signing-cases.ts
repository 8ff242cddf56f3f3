import fc from 'fast-check'
import type { OracleInput } from './ali-oss-oracle'

const printable = (min: number, max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  })

/** Object keys with Unicode, spaces, `+`, `/`, `?`, `#`, `%` and the like; never a leading slash. */
export const objectKeys = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
      fc.constantFrom(
        ' ',
        '+',
        '/',
        '?',
        '#',
        '%',
        '&',
        '=',
        '~',
        "'",
        '(',
        ')',
        '*',
        '!',
        '视频',
        'é',
        '😀',
      ),
      fc.stringMatching(/^[a-z0-9._-]{1,8}$/),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((pieces) => pieces.join('').replace(/^[/\\]+/, ''))
  .filter(
    (key) =>
      key.length > 0 && !/[\ud800-\udfff]/.test(key.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
  )

/** A generated request, with the sub-resources taken from `subresourceNames`. */
export function signingCase(
  signatureVersion: 'v1' | 'v4',
  subresourceNames: string[],
): fc.Arbitrary<OracleInput> {
  return fc.record(
    {
      signatureVersion: fc.constant(signatureVersion),
      method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD'),
      bucket: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/),
      objectKey: objectKeys,
      subres: fc.dictionary(
        fc.constantFrom(...subresourceNames),
        fc.option(printable(1, 12), { nil: null }),
        { maxKeys: 3 },
      ),
      headers: fc.record(
        {
          'Content-Type': fc.constantFrom(
            'video/mp4',
            'application/xml',
            'text/plain; charset=utf-8',
          ),
          'Content-MD5': fc.base64String({ minLength: 24, maxLength: 24 }),
          'x-oss-meta-title': fc
            .string({ unit: 'grapheme', maxLength: 10 })
            .map((s) => ` ${s.trim()} `),
          'X-OSS-Notification': fc.base64String({ maxLength: 40 }),
          'x-oss-user-agent': fc.constantFrom('vodup/0.1.0', 'aliyun-sdk-js/6.10.0'),
          'X-Extra': printable(1, 10),
        },
        { requiredKeys: [] },
      ),
      accessKeyId: fc.stringMatching(/^(STS\.)?[A-Za-z0-9]{8,24}$/),
      accessKeySecret: printable(8, 40),
      securityToken: fc.option(printable(10, 80), { nil: undefined }),
      region: fc.constantFrom('cn-hangzhou', 'cn-shanghai', 'ap-southeast-1', 'eu-central-1'),
    },
    {
      requiredKeys: [
        'signatureVersion',
        'method',
        'bucket',
        'objectKey',
        'subres',
        'headers',
        'accessKeyId',
        'accessKeySecret',
        'region',
      ],
    },
  ) as fc.Arbitrary<OracleInput>
}

/**
 * The request of `input` as vodup signs it: ali-oss's headers for it (`oracleHeaders`) minus the Authorization,
 * which ours is computed to equal.
 */
export function signingRequestOf(input: OracleInput, oracleHeaders: Record<string, string>) {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(oracleHeaders)) {
    if (name.toLowerCase() !== 'authorization') headers[name] = String(value)
  }
  return {
    method: input.method,
    bucket: input.bucket,
    objectKey: input.objectKey,
    query: input.subres,
    headers,
  }
}
