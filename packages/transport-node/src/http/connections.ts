import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { ConnectionOptions } from 'node:tls'
import { type ProxySettings, proxyFor } from './proxy'

/** TLS options for HTTPS connections (a private CA, client certificates...). */
export type TlsOptions = Pick<
  ConnectionOptions,
  | 'ca'
  | 'cert'
  | 'key'
  | 'pfx'
  | 'passphrase'
  | 'rejectUnauthorized'
  | 'minVersion'
  | 'maxVersion'
  | 'ciphers'
  | 'checkServerIdentity'
>

/** How one request is sent. */
export interface Route {
  /** The keep-alive pool it goes through. */
  readonly agent: HttpAgent
  /** Whether the connection it opens is TLS (to an https server, or to an https proxy). */
  readonly secure: boolean
  /** Where the request line goes: the server, or (plain HTTP through a proxy) the proxy with the absolute URL. */
  readonly target: { protocol: string; hostname: string; port: string; path: string }
  /** Headers the route adds: `Host` and `Proxy-Authorization` for plain HTTP through a proxy. */
  readonly headers: Record<string, string>
  /** The proxy, if any (named in errors). */
  readonly proxy?: URL
  /** TLS options of the request (a tunnelling agent takes them from the request, not from itself). */
  readonly tls?: TlsOptions
}

/** Basic credentials of a proxy URL (`http://user:password@host`), as `Proxy-Authorization` carries them. */
function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username && !proxy.password) return {}
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
  return { 'proxy-authorization': `Basic ${Buffer.from(pair).toString('base64')}` }
}

/**
 * The keep-alive connection pools of a transport: one per scheme for direct connections, one per proxy for
 * plain HTTP sent through a proxy (the request line carries the absolute URL), one per proxy for HTTPS tunnelled
 * through it with CONNECT (the tunnelling agent is loaded on first use). Each pool keeps at most `maxSockets`
 * connections per host and reuses the most recently freed one first.
 */
export class Connections {
  private readonly agents = new Map<string, Promise<HttpAgent>>()
  private closed = false

  constructor(
    private readonly maxSockets: number,
    private readonly proxies: ProxySettings,
    private readonly tls: TlsOptions = {},
  ) {}

  /** The route of a request to `url`; `url` is http: or https:. */
  async route(url: URL): Promise<Route> {
    const proxy = proxyFor(url, this.proxies)
    const direct = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: `${url.pathname}${url.search}`,
    }
    if (url.protocol === 'https:') {
      const agent = await this.agent(proxy ? `tunnel ${proxy.href}` : 'https:', () =>
        proxy ? this.tunnel(proxy) : new HttpsAgent({ ...this.pool, ...this.tls }),
      )
      return {
        agent,
        secure: true,
        target: direct,
        headers: {},
        tls: this.tls,
        ...(proxy ? { proxy } : {}),
      }
    }
    if (!proxy) {
      const agent = await this.agent('http:', () => new HttpAgent(this.pool))
      return { agent, secure: false, target: direct, headers: {} }
    }
    const secure = proxy.protocol === 'https:'
    const agent = await this.agent(`forward ${proxy.href}`, () =>
      secure ? new HttpsAgent({ ...this.pool, ...this.tls }) : new HttpAgent(this.pool),
    )
    return {
      agent,
      secure,
      target: {
        protocol: proxy.protocol,
        hostname: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: proxy.port,
        path: url.href,
      },
      headers: { host: url.host, ...proxyAuthorization(proxy) },
      proxy,
      ...(secure ? { tls: this.tls } : {}),
    }
  }

  private get pool() {
    return { keepAlive: true, maxSockets: this.maxSockets, scheduling: 'lifo' as const }
  }

  private agent(key: string, create: () => HttpAgent | Promise<HttpAgent>): Promise<HttpAgent> {
    let agent = this.agents.get(key)
    if (!agent) {
      agent = Promise.resolve(create())
      this.agents.set(key, agent)
    }
    return agent
  }

  private async tunnel(proxy: URL): Promise<HttpAgent> {
    const { HttpsProxyAgent } = await import('https-proxy-agent')
    return new HttpsProxyAgent(proxy, { ...this.pool, ...this.tls })
  }

  /** Closes every connection, idle or busy; requests still in flight fail. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const agents = await Promise.all(this.agents.values())
    for (const agent of agents) agent.destroy()
  }

  get isClosed(): boolean {
    return this.closed
  }
}
