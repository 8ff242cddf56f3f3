import { describe, expect, it } from 'vitest'
import { findCorsRule, validateCorsRules, wildcardMatch } from './cors-rule.js'

describe('CORS rules', () => {
  it('match origins and headers with at most one "*", methods exactly, the first rule winning', () => {
    expect(wildcardMatch('https://*.example.com', 'https://a.example.com')).toBe(true)
    expect(wildcardMatch('https://*.example.com', 'https://example.com')).toBe(false)
    expect(wildcardMatch('x-oss-*', 'x-oss-date')).toBe(true)
    expect(wildcardMatch('*', '')).toBe(true)
    const rules = validateCorsRules([
      { allowedOrigins: ['https://a.test'], allowedMethods: ['GET'], exposeHeaders: ['ETag'] },
      { allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'], allowedHeaders: ['X-OSS-*'] },
    ])
    expect(
      findCorsRule(rules, { origin: 'https://a.test', method: 'GET', headers: [] })?.rule,
    ).toBe(rules[0])
    expect(
      findCorsRule(rules, { origin: 'https://a.test', method: 'PUT', headers: ['x-oss-date'] }),
    ).toEqual({ rule: rules[1], origin: '*' })
    expect(
      findCorsRule(rules, { origin: 'https://a.test', method: 'PUT', headers: ['content-md5'] }),
    ).toBeUndefined()
  })

  it('are checked as PutBucketCors checks them, naming the bad field', () => {
    const bad: [unknown, string][] = [
      [{}, 'rules must be an array'],
      [
        [{ allowedOrigins: [], allowedMethods: ['GET'] }],
        'rules[0].allowedOrigins must be a non-empty',
      ],
      [
        [{ allowedOrigins: ['*'], allowedMethods: ['get'] }],
        'rules[0].allowedMethods[0] must be one of',
      ],
      [[{ allowedOrigins: ['http://*.*'], allowedMethods: ['GET'] }], 'one "*" at most'],
      [
        [{ allowedOrigins: ['*'], allowedMethods: ['GET'], exposeHeaders: ['x-*'] }],
        'rules[0].exposeHeaders[0] must be a header name without "*"',
      ],
      [
        [{ allowedOrigins: ['*'], allowedMethods: ['GET'], maxAgeSeconds: -1 }],
        'rules[0].maxAgeSeconds',
      ],
      [
        [{ allowedOrigins: ['*'], allowedMethods: ['GET'], allowedOrigin: ['*'] }],
        'allowedOrigin is not',
      ],
      [
        Array.from({ length: 11 }, () => ({ allowedOrigins: ['*'], allowedMethods: ['GET'] })),
        '10 rules',
      ],
    ]
    for (const [rules, message] of bad) expect(() => validateCorsRules(rules)).toThrow(message)
  })
})
