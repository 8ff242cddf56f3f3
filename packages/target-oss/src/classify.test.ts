import { describe, expect, it } from 'vitest'
import { answer, ossError } from '../test/fake-context'
import { ossErrorCode, ossResponseError } from './classify'

describe('ossErrorCode', () => {
  it.each([
    ['SecurityTokenExpired', 403, false, 'TOKEN_EXPIRED'],
    ['InvalidSecurityToken.Expired', 403, false, 'TOKEN_EXPIRED'],
    ['InvalidAccessKeyId', 403, true, 'TOKEN_EXPIRED'],
    ['InvalidAccessKeyId', 403, false, 'ACCESS_DENIED'],
    ['AccessDenied', 403, true, 'ACCESS_DENIED'],
    ['InvalidSecurityToken', 403, true, 'ACCESS_DENIED'],
    ['SignatureDoesNotMatch', 403, true, 'SIGNATURE_MISMATCH'],
    ['NoSuchUpload', 404, false, 'NO_SUCH_UPLOAD'],
    ['InvalidPart', 400, false, 'INVALID_PART'],
    ['InvalidPartOrder', 400, false, 'INVALID_PART'],
    ['EntityTooSmall', 400, false, 'INVALID_PART'],
    ['RequestTimeTooSkewed', 403, false, 'CLOCK_SKEWED'],
    ['InternalError', 500, false, 'SERVER_ERROR'],
    ['ServiceUnavailable', 503, false, 'SERVER_ERROR'],
    ['SlowDown', 503, false, 'THROTTLED'],
    ['TooManyRequests', 429, false, 'THROTTLED'],
    ['RequestTimeout', 400, false, 'TIMEOUT'],
    ['Whatever', 408, false, 'TIMEOUT'],
    ['InvalidArgument', 400, false, 'SERVICE_ERROR'],
    ['NoSuchBucket', 404, false, 'SERVICE_ERROR'],
    [undefined, 500, false, 'SERVER_ERROR'],
    [undefined, 502, false, 'SERVER_ERROR'],
    [undefined, 429, false, 'THROTTLED'],
    [undefined, 408, false, 'TIMEOUT'],
    [undefined, 403, false, 'ACCESS_DENIED'],
    [undefined, 400, false, 'BAD_RESPONSE'],
  ] as const)('%s with HTTP %i (token: %s) → %s', (code, status, withToken, expected) => {
    expect(ossErrorCode(code, status, withToken)).toBe(expected)
  })
})

describe('ossResponseError', () => {
  const context = {
    operation: 'UploadPart',
    partNumber: 3,
    withToken: true,
    secrets: ['the-secret', 'CAIStoken'],
  }

  it("carries the server's code, message, request id, status, operation and part", () => {
    const error = ossResponseError(
      ossError(404, 'NoSuchUpload', 'The upload does not exist.'),
      context,
    )
    expect(error.toJSON()).toEqual({
      name: 'UploadError',
      code: 'NO_SUCH_UPLOAD',
      message:
        'OSS UploadPart (part 3) failed: The upload does not exist. [NoSuchUpload] (HTTP 404, request id REQ-1).',
      status: 404,
      requestId: 'REQ-1',
      serverCode: 'NoSuchUpload',
      operation: 'UploadPart',
      partNumber: 3,
      retryable: false,
    })
  })

  it('never passes on the signature echo, and masks a secret or token the server repeats', () => {
    const echo =
      '<OSSAccessKeyId>STS.key</OSSAccessKeyId><SignatureProvided>sig</SignatureProvided>' +
      '<StringToSign>PUT\n\nx-oss-security-token:CAIStoken\n/bucket/key</StringToSign>'
    const error = ossResponseError(
      ossError(403, 'SignatureDoesNotMatch', 'bad signature for CAIStoken with the-secret', echo),
      context,
    )
    expect(error.code).toBe('SIGNATURE_MISMATCH')
    const everything = `${error.message} ${JSON.stringify(error)} ${String(error.cause)}`
    expect(everything).not.toMatch(/CAIStoken|the-secret|StringToSign|SignatureProvided|STS\.key/)
    expect(error.message).toContain('bad signature for *** with ***')
  })

  it('classifies bodies that are not OSS XML by status, with the header request id', () => {
    const error = ossResponseError(
      answer(502, { 'x-oss-request-id': 'R9' }, '<html>Bad Gateway</html>'),
      context,
    )
    expect(error).toMatchObject({
      code: 'SERVER_ERROR',
      status: 502,
      requestId: 'R9',
      retryable: true,
    })
    expect(error.serverCode).toBeUndefined()
    expect(ossResponseError(answer(400, {}, 'not xml'), context)).toMatchObject({
      code: 'BAD_RESPONSE',
      retryable: true,
    })
  })
})

/** The signature inside an Authorization header: after `Signature=` (V4) or after the key id's colon (V1). */
const signatureOf = (authorization: string) =>
  authorization.includes('Signature=')
    ? authorization.slice(authorization.indexOf('Signature=') + 10)
    : authorization.slice(authorization.indexOf(':') + 1)

describe('an error answer that echoes the request', () => {
  it.each(['v1', 'v4'] as const)(
    'quotes neither the Authorization header nor its signature (%s), nor the token',
    async (signatureVersion) => {
      const { createOssTarget } = await import('./oss-target')
      const { fakeContext } = await import('../test/fake-context')
      let sent = ''
      const fake = fakeContext(
        (request) => {
          sent = request.headers.Authorization as string
          const token = request.headers['x-oss-security-token']
          return ossError(
            403,
            'AccessDenied',
            `You sent ${sent} with token ${token}; signature ${signatureOf(sent)}`,
            `<Authorization>${sent}</Authorization>`,
          )
        },
        { securityToken: 'CAIS-token-value', region: 'cn-shanghai' },
      )
      const error = await createOssTarget({ signatureVersion })
        .initiateUpload(fake.context)
        .catch((e: unknown) => e as Error)
      const signature = signatureOf(sent)
      expect(signature.length).toBeGreaterThan(20)
      const everything = `${(error as Error).message} ${JSON.stringify(error)}`
      expect(everything).not.toContain(signature)
      expect(everything).not.toContain('CAIS-token-value')
      expect((error as Error).message).toContain('You sent *** with token ***; signature ***')
    },
  )
})
