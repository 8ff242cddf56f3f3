import { describe, expect, it } from 'vitest'
import { bypassesProxy, parseBypassList, proxyFor, proxySettings } from './proxy'

const url = (href: string) => new URL(href)

describe('proxySettings', () => {
  it('reads HTTPS_PROXY for https URLs and HTTP_PROXY for http URLs, lower-case spellings first', () => {
    const settings = proxySettings(
      {},
      { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'plain:3' },
    )
    expect(proxyFor(url('https://bucket.oss-cn-shanghai.aliyuncs.com/k'), settings)?.href).toBe(
      'http://lower:2/',
    )
    expect(proxyFor(url('http://127.0.0.1:9000/k'), settings)?.href).toBe('http://plain:3/')
  })

  it('connects directly when no variable is set, and with proxy: false whatever the environment says', () => {
    expect(proxyFor(url('https://a.example/'), proxySettings({}, {}))).toBeUndefined()
    const off = proxySettings(
      { proxy: false },
      { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' },
    )
    expect(proxyFor(url('https://a.example/'), off)).toBeUndefined()
    expect(proxyFor(url('http://a.example/'), off)).toBeUndefined()
  })

  it('sends every URL through an explicit proxy, except the hosts of noProxy (else NO_PROXY)', () => {
    const env = { NO_PROXY: 'internal.example' }
    const fromEnv = proxySettings({ proxy: 'http://p:8080' }, env)
    expect(proxyFor(url('https://a.example/'), fromEnv)?.href).toBe('http://p:8080/')
    expect(proxyFor(url('http://a.example/'), fromEnv)?.href).toBe('http://p:8080/')
    expect(proxyFor(url('https://internal.example/'), fromEnv)).toBeUndefined()
    const own = proxySettings({ proxy: 'http://p:8080', noProxy: 'a.example' }, env)
    expect(proxyFor(url('https://a.example/'), own)).toBeUndefined()
    expect(proxyFor(url('https://internal.example/'), own)?.href).toBe('http://p:8080/')
  })

  it.each([
    [{ proxy: 'socks5://p:1080' }, {}, /Option "proxy" uses socks5/],
    [{ proxy: 'http://' }, {}, /Option "proxy" is not a valid proxy URL/],
    [{}, { HTTPS_PROXY: 'socks://p:1' }, /The HTTPS_PROXY variable uses socks/],
    [{ proxy: 42 as unknown as string }, {}, /Option "proxy" must be a proxy URL or false/],
  ])(
    'refuses an unusable proxy with INVALID_ARGUMENT naming where it came from',
    (options, env, message) => {
      expect(() => proxySettings(options, env)).toThrow(message)
      try {
        proxySettings(options, env)
      } catch (error) {
        expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'proxy' })
      }
    },
  )
})

describe('NO_PROXY', () => {
  const bypass = (list: string, href: string) => bypassesProxy(url(href), parseBypassList(list))

  it('matches a host and its subdomains, with or without a leading dot or star', () => {
    for (const list of ['example.com', '.example.com', '*.example.com']) {
      expect(bypass(list, 'https://example.com/')).toBe(true)
      expect(bypass(list, 'https://oss.example.com/')).toBe(true)
      expect(bypass(list, 'https://notexample.com/')).toBe(false)
    }
  })

  it('matches ports when an entry names one, IP addresses, IPv6 in brackets, and * for every host', () => {
    expect(bypass('127.0.0.1:9000', 'http://127.0.0.1:9000/')).toBe(true)
    expect(bypass('127.0.0.1:9000', 'http://127.0.0.1:9001/')).toBe(false)
    expect(bypass('a.example:443', 'https://a.example/')).toBe(true)
    expect(bypass('[::1]', 'http://[::1]:8080/')).toBe(true)
    expect(bypass('::1', 'http://[::1]:8080/')).toBe(true)
    expect(bypass('[::1]:8080', 'http://[::1]:8081/')).toBe(false)
    expect(bypass('*', 'https://anything.example/')).toBe(true)
    expect(bypass('a.example, B.EXAMPLE  c.example', 'https://b.example/')).toBe(true)
    expect(bypass('', 'https://b.example/')).toBe(false)
  })
})
