import { UPLOAD_ERROR_CODES, UploadError, type UploadErrorCode } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { isRetryable } from './classify'

const error = (code: UploadErrorCode, status?: number, retryable?: boolean) =>
  new UploadError(code, 'x', { status, retryable })

describe('isRetryable', () => {
  it.each([
    ['a network failure', error('NETWORK'), true],
    ['a timeout', error('TIMEOUT'), true],
    ['HTTP 500', error('SERVER_ERROR', 500), true],
    ['HTTP 502', error('SERVER_ERROR', 502), true],
    ['HTTP 503 slow down', error('THROTTLED', 503), true],
    ['HTTP 408', error('SERVICE_ERROR', 408), true],
    ['HTTP 429', error('THROTTLED', 429), true],
    ['HTTP 429 even if marked not retryable', error('SERVICE_ERROR', 429, false), true],
    ['RequestTimeTooSkewed (403)', error('CLOCK_SKEWED', 403), true],
    ['an unreadable response', error('BAD_RESPONSE', 200), true],
    ['an ETag that differs from the bytes sent', error('INTEGRITY_MISMATCH'), true],
    ['an expired token', error('TOKEN_EXPIRED', 403), false],
    ['an expired token marked retryable', error('TOKEN_EXPIRED', 403, true), false],
    ['a cancel', error('ABORTED'), false],
    ['HTTP 400', error('SERVICE_ERROR', 400), false],
    ['HTTP 403 AccessDenied', error('ACCESS_DENIED', 403), false],
    ['HTTP 403 SignatureDoesNotMatch', error('SIGNATURE_MISMATCH', 403), false],
    ['HTTP 404 NoSuchUpload', error('NO_SUCH_UPLOAD', 404), false],
    ['a 4xx marked retryable by mistake', error('SERVICE_ERROR', 409, true), false],
    ['a missing file', error('FILE_NOT_FOUND'), false],
    ['a plain Error', new Error('boom'), false],
    ['a TypeError', new TypeError('x is not a function'), false],
    ['a string', 'boom', false],
  ])('%s → %s', (_label, value, expected) => {
    expect(isRetryable(value)).toBe(expected)
  })

  it('follows the retryable flag of every code when no status says otherwise', () => {
    for (const code of UPLOAD_ERROR_CODES) {
      if (code === 'TOKEN_EXPIRED' || code === 'ABORTED') continue
      expect(isRetryable(error(code, undefined, true))).toBe(true)
      expect(isRetryable(error(code, undefined, false))).toBe(code === 'CLOCK_SKEWED')
    }
  })
})
