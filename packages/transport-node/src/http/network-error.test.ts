import { describe, expect, it } from 'vitest'
import { describeUrl, toNetworkError } from './network-error'

const codeError = (code: string) => Object.assign(new Error(`boom ${code}`), { code })

describe('toNetworkError', () => {
  it.each([
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'ETIMEDOUT',
  ])('maps %s to a retryable TIMEOUT', (code) => {
    const error = toNetworkError(codeError(code), 'PUT', 'http://127.0.0.1/key')
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true })
  })

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'UND_ERR_SOCKET'])(
    'maps %s to a retryable NETWORK error',
    (code) => {
      const error = toNetworkError(codeError(code), 'PUT', 'http://127.0.0.1/key')
      expect(error).toMatchObject({ code: 'NETWORK', retryable: true })
      expect(error.message).toContain(code)
    },
  )

  it('finds the code in the cause chain and keeps the cause', () => {
    const inner = codeError('ECONNRESET')
    const outer = new TypeError('fetch failed', { cause: inner })
    const error = toNetworkError(outer, 'GET', 'http://127.0.0.1/')
    expect(error.code).toBe('NETWORK')
    expect(error.message).toContain('reset')
    expect(error.cause).toBe(outer)
  })

  it('does not retry a malformed request', () => {
    expect(toNetworkError(codeError('UND_ERR_INVALID_ARG'), 'GET', 'http://x/')).toMatchObject({
      code: 'NETWORK',
      retryable: false,
    })
  })

  it('leaves the query string (signatures, tokens) out of the message', () => {
    const url = 'http://127.0.0.1/key?uploadId=1&security-token=SECRET&Signature=SIG'
    const error = toNetworkError(codeError('ECONNRESET'), 'PUT', url)
    expect(error.message).not.toMatch(/SECRET|SIG/)
    expect(describeUrl(url)).toBe('http://127.0.0.1/key')
  })
})
