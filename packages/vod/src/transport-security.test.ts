import { describe, expect, it } from 'vitest'
import { uploadErrorThrownBy } from '#test-support'
import { assertSecureEndpoint, isLoopbackHost, isPlainHttpToRemote } from './transport-security'

describe('plain HTTP to hosts that are not loopback', () => {
  it('knows loopback: localhost, 127.0.0.0/8, [::1]', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.3.4', '[::1]']) {
      expect(isLoopbackHost(host), host).toBe(true)
    }
    for (const host of [
      '10.0.0.1',
      '169.254.169.254',
      '127.0.0.256',
      '128.0.0.1',
      '[::2]',
      'localhost.example.com',
      '0.0.0.0',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false)
    }
  })

  it('flags http:// to any other host, never https:// or loopback', () => {
    expect(isPlainHttpToRemote('http://10.1.2.3:9000')).toBe(true)
    expect(isPlainHttpToRemote('HTTP://169.254.169.254/latest')).toBe(true)
    expect(isPlainHttpToRemote('http://oss-cn-shanghai.aliyuncs.com')).toBe(true)
    expect(isPlainHttpToRemote('https://10.1.2.3')).toBe(false)
    expect(isPlainHttpToRemote('http://127.0.0.1:9000')).toBe(false)
    expect(isPlainHttpToRemote('http://[::1]:9000')).toBe(false)
    expect(isPlainHttpToRemote('http://localhost')).toBe(false)
  })

  it('throws the given code naming the field, unless plain HTTP is allowed', () => {
    const error = uploadErrorThrownBy(() =>
      assertSecureEndpoint('http://10.1.2.3:9000', { field: 'endpoint', code: 'INVALID_ARGUMENT' }),
    )
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'endpoint', retryable: false })
    expect(error.message).toContain('10.1.2.3')
    expect(error.message).toContain('allowPlainHttp')
    expect(() =>
      assertSecureEndpoint('http://10.1.2.3', {
        field: 'endpoint',
        code: 'INVALID_ARGUMENT',
        allowPlainHttp: true,
      }),
    ).not.toThrow()
  })
})
