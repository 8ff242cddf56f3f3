import { describe, expect, it } from 'vitest'
import { describeUrl, toNetworkError } from './network-error'

const codeError = (code: string) => Object.assign(new Error(`boom ${code}`), { code })

describe('toNetworkError', () => {
  it.each(['ETIMEDOUT', 'ESOCKETTIMEDOUT'])('maps %s to a retryable TIMEOUT', (code) => {
    const error = toNetworkError(codeError(code), 'PUT', 'http://127.0.0.1/key')
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true })
  })

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'HPE_INVALID_CONSTANT'])(
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

  it.each(['ERR_INVALID_CHAR', 'ERR_HTTP_INVALID_HEADER_VALUE', 'DEPTH_ZERO_SELF_SIGNED_CERT'])(
    'does not retry what sending again cannot fix (%s)',
    (code) => {
      expect(toNetworkError(codeError(code), 'GET', 'http://x/')).toMatchObject({
        code: 'NETWORK',
        retryable: false,
      })
    },
  )

  it('names the proxy without its credentials', () => {
    const proxy = new URL('http://user:PASSWORD@proxy.example:3128')
    const error = toNetworkError(codeError('ECONNREFUSED'), 'PUT', 'https://b.oss/key', proxy)
    expect(error.message).toContain('through the proxy http://proxy.example:3128')
    expect(error.message).not.toMatch(/PASSWORD|user/)
  })

  it('leaves the query string (signatures, tokens) out of the message', () => {
    const url = 'http://127.0.0.1/key?uploadId=1&security-token=SECRET&Signature=SIG'
    const error = toNetworkError(codeError('ECONNRESET'), 'PUT', url)
    expect(error.message).not.toMatch(/SECRET|SIG/)
    expect(describeUrl(url)).toBe('http://127.0.0.1/key')
  })
})
