import { UploadError } from '@vodup/core'

/** Where requests go through a proxy, decided once when the transport is made. */
export interface ProxySettings {
  /** Proxy of `http:` URLs. */
  readonly http?: URL
  /** Proxy of `https:` URLs (tunnelled with CONNECT). */
  readonly https?: URL
  /** Hosts reached directly, from `NO_PROXY` or the `noProxy` option. */
  readonly bypass: readonly BypassRule[]
}

/** One entry of a `NO_PROXY` list. */
interface BypassRule {
  /** Host name or IP address, lower-cased, without brackets or leading dot; `*` for every host. */
  readonly host: string
  /** Only this port, when the entry names one. */
  readonly port?: number
}

type Environment = Record<string, string | undefined>

/** `name` or `NAME` from the environment, the lower-case spelling first (as curl reads it). */
function fromEnvironment(
  env: Environment,
  name: string,
): { value: string; variable: string } | undefined {
  for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[variable]?.trim()
    if (value) return { value, variable }
  }
  return undefined
}

/** A proxy URL (a bare `host:port` means `http://host:port`); throws `INVALID_ARGUMENT` naming where it came from. */
export function parseProxyUrl(value: string, source: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch (error) {
    throw new UploadError('INVALID_ARGUMENT', `${source} is not a valid proxy URL.`, {
      field: 'proxy',
      cause: error,
    })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `${source} uses ${url.protocol.slice(0, -1)}: only http:// and https:// proxies are supported.`,
      { field: 'proxy' },
    )
  }
  return url
}

/** Parses a `NO_PROXY` list: host names, `.suffix` or `*.suffix`, IP addresses, each with an optional `:port`. */
export function parseBypassList(list: string): BypassRule[] {
  const rules: BypassRule[] = []
  for (const raw of list.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase()
    if (!entry) continue
    if (entry === '*') {
      rules.push({ host: '*' })
      continue
    }
    let host = entry
    let port: number | undefined
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
    const colon = entry.indexOf(':')
    if (bracketed) {
      host = bracketed[1]
      port = bracketed[2] === undefined ? undefined : Number(bracketed[2])
    } else if (
      colon !== -1 &&
      colon === entry.lastIndexOf(':') &&
      /^\d+$/.test(entry.slice(colon + 1))
    ) {
      // host:port; an entry with more colons is a bare IPv6 address
      host = entry.slice(0, colon)
      port = Number(entry.slice(colon + 1))
    }
    host = host.replace(/^\*?\./, '')
    if (host) rules.push(port === undefined ? { host } : { host, port })
  }
  return rules
}

/** The port a URL reaches, its scheme's default when it names none. */
function portOf(url: URL): number {
  if (url.port) return Number(url.port)
  return url.protocol === 'https:' ? 443 : 80
}

/** True when `url` must be reached directly: its host is, or is under, an entry of the bypass list. */
export function bypassesProxy(url: URL, rules: readonly BypassRule[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '')
  const port = portOf(url)
  return rules.some(
    (rule) =>
      rule.host === '*' ||
      ((rule.port === undefined || rule.port === port) &&
        (host === rule.host || host.endsWith(`.${rule.host}`))),
  )
}

/** Options of the proxy, as {@link nodeTransport} takes them. */
export interface ProxyOptions {
  proxy?: string | false
  noProxy?: string
}

/**
 * The proxy settings of a transport: none with `proxy: false`; the given proxy for every URL with `proxy: '<url>'`;
 * otherwise `HTTPS_PROXY` for https URLs and `HTTP_PROXY` for http URLs (lower-case spellings first). `noProxy`, or
 * else `NO_PROXY`, lists the hosts reached directly.
 */
export function proxySettings(
  options: ProxyOptions,
  env: Environment = process.env,
): ProxySettings {
  const bypassList = options.noProxy ?? fromEnvironment(env, 'no_proxy')?.value ?? ''
  const bypass = parseBypassList(bypassList)
  if (options.proxy === false) return { bypass: [] }
  if (typeof options.proxy === 'string') {
    const url = parseProxyUrl(options.proxy, 'Option "proxy"')
    return { http: url, https: url, bypass }
  }
  if (options.proxy !== undefined) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'Option "proxy" must be a proxy URL or false (no proxy); leave it out to read HTTPS_PROXY / HTTP_PROXY.',
      { field: 'proxy' },
    )
  }
  const https = fromEnvironment(env, 'https_proxy')
  const http = fromEnvironment(env, 'http_proxy')
  return {
    ...(https ? { https: parseProxyUrl(https.value, `The ${https.variable} variable`) } : {}),
    ...(http ? { http: parseProxyUrl(http.value, `The ${http.variable} variable`) } : {}),
    bypass,
  }
}

/** The proxy a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: URL, settings: ProxySettings): URL | undefined {
  const proxy = url.protocol === 'https:' ? settings.https : settings.http
  if (!proxy || bypassesProxy(url, settings.bypass)) return undefined
  return proxy
}

/** A proxy as messages may name it: scheme, host and port, never its credentials. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}
