import type { HttpRequest, HttpResponse } from '../../http'
import type { Transport } from '../../transport'
import { check, describe } from './checks'
import type { TransportConformanceOptions } from './types'

/** Where the conformance routes live on the server. */
export const ROUTE_PREFIX = '/__conformance/'

let lastId = 0

/** What the cases share: the transport, the server's routes, fresh ids. */
export class ConformanceContext {
  readonly transport: Transport

  constructor(readonly options: TransportConformanceOptions) {
    this.transport = options.transport
  }

  /** The server's base URL, without a trailing slash. */
  private get base(): string {
    const { server } = this.options
    const value = typeof server === 'function' ? server() : server
    check(
      typeof value === 'string' && /^https?:\/\//.test(value),
      `option "server" gave ${describe(value)}, not an http(s) URL (emulator.url).`,
    )
    return value.replace(/\/+$/, '')
  }

  /** A request id no other case uses. */
  newId(): string {
    lastId++
    return `c${lastId.toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(36)}`
  }

  /** The URL of a conformance route with query parameters (values percent-encoded). */
  url(route: string, query: Record<string, string | number | boolean> = {}): string {
    const pairs = Object.entries(query).map(([name, value]) =>
      value === true ? name : `${name}=${encodeURIComponent(String(value))}`,
    )
    return `${this.base}${ROUTE_PREFIX}${route}${pairs.length ? `?${pairs.join('&')}` : ''}`
  }

  /** Sends a request that must resolve with an answer. */
  async send(request: HttpRequest, what: string): Promise<HttpResponse> {
    try {
      return await this.transport.request(request)
    } catch (error) {
      throw new Error(`${what}: the request failed: ${describe(error)}`)
    }
  }

  /** Resolves once the server saw the request with this id (its headers arrived). */
  async arrived(id: string): Promise<void> {
    const response = await this.send(
      { method: 'GET', url: this.url('arrived', { id }), headers: {} },
      'waiting for the server to see a request',
    )
    check(response.status === 200, `the server's arrived route answered ${response.status}.`)
  }

  /** Resolves once the connection that carried the request with this id was closed. */
  async closed(id: string, what: string): Promise<void> {
    const response = await this.send(
      { method: 'GET', url: this.url('closed', { id }), headers: {} },
      `${what}: waiting for the connection to close`,
    )
    check(response.status === 200, `the server's closed route answered ${response.status}.`)
  }
}

/** What the echo route answers. */
export interface Echo {
  method: string
  query: string
  headers: Record<string, string>
  /** The body received, base64. */
  body: string
  /** A fixed text with non-ASCII characters: the answer must be decoded as UTF-8. */
  note: string
}

/** The fixed `note` of the echo route. */
export const ECHO_NOTE = 'vodup ✓ 上传 ü'

/** Parses an echo answer. */
export function parseEcho(response: HttpResponse, what: string): Echo {
  check(!response.truncated, `${what}: the echo answer was marked truncated.`)
  try {
    return JSON.parse(response.body) as Echo
  } catch {
    throw new Error(`${what}: the answer is not the server's JSON echo: ${describe(response.body)}`)
  }
}

/** Deterministic bytes of a given length, different for each seed. */
export function patternBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let x = seed >>> 0
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    bytes[i] = x >>> 24
  }
  return bytes
}
