import { describe, expect, it } from 'vitest'
import { classifyNetworkFailure, networkError } from './network-errors'

describe('network failure classification', () => {
  it.each([
    [{ errMsg: 'request:fail', errno: 5 }, 'timeout'],
    [{ errMsg: 'request:fail 请求超时' }, 'timeout'],
    [{ errMsg: 'request:fail timeout' }, 'timeout'],
    [{ errMsg: 'request:fail abort' }, 'abort'],
    [{ errMsg: 'request:fail interrupted', errno: 600003 }, 'interrupted'],
    [{ errMsg: 'request:fail something', errno: 600003 }, 'interrupted'],
    [
      {
        errMsg:
          'request:fail errcode:10011 cronet_error_code:0 error_msg:network change, cancel all task',
      },
      'network-change',
    ],
    [{ errMsg: 'request:fail', errno: 600001 }, 'network-change'],
    [{ errMsg: 'request:fail url not in domain list' }, 'domain'],
    [{ errMsg: 'request:fail whatever', errno: 600002 }, 'domain'],
    [{ errMsg: 'request:fail', errno: 602300 }, 'buffer-too-large'],
    [{ errMsg: 'request:fail -101:net::ERR_CONNECTION_RESET', errno: 600000 }, 'other'],
  ] as const)('%j is %s (errno first, errMsg text second)', (failure, kind) => {
    expect(classifyNetworkFailure(failure)).toBe(kind)
  })

  it('errno wins over a misleading text', () => {
    expect(classifyNetworkFailure({ errMsg: 'request:fail timeout', errno: 600002 })).toBe('domain')
  })

  it('maps kinds to stable codes, naming the call and keeping the errMsg without credentials', () => {
    const url =
      'https://vod.example.com/?Action=CreateUploadVideo&Signature=abc%3D&SecurityToken=CAIStoken'
    const error = networkError('wx.request', 'GET', url, {
      errMsg: `request:fail -101:net::ERR_CONNECTION_RESET ${url}`,
      errno: 600000,
    })
    expect(error.code).toBe('NETWORK')
    expect(error.retryable).toBe(true)
    expect(error.message).toContain('wx.request GET https://vod.example.com/ failed')
    expect(error.message).toContain('ERR_CONNECTION_RESET')
    expect(error.message).not.toMatch(/abc%3D|CAIStoken/)
    const codes = [
      [{ errMsg: 'x', errno: 5 }, 'TIMEOUT', true],
      [{ errMsg: 'request:fail abort' }, 'ABORTED', false],
      [{ errMsg: 'x', errno: 600003 }, 'NETWORK', true],
      [{ errMsg: 'x', errno: 600002 }, 'DOMAIN_NOT_ALLOWED', false],
      [{ errMsg: 'x', errno: 600009 }, 'INVALID_ARGUMENT', false],
    ] as const
    for (const [failure, code, retryable] of codes) {
      const mapped = networkError('wx.uploadFile', 'POST', 'https://b.oss.example.com/', failure)
      expect([mapped.code, mapped.retryable]).toEqual([code, retryable])
    }
  })
})
