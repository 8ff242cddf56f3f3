import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { hostnameOf } from './oss/addressing.js'

/** Largest JSON body the control API reads. */
export const CONTROL_BODY_LIMIT = 1024 * 1024

/** A refusal: the status and the reason the control API answers. */
export interface ControlRefusal {
  status: number
  error: string
}

/** Who may use the control API: the token, and the hosts and origins that name this emulator. */
export interface ControlGuard {
  token: string
  /** Host names (without port) a request's `Host` may carry. */
  hosts: ReadonlySet<string>
  /** Origins a request's `Origin` may carry (the emulator's own). */
  origins: ReadonlySet<string>
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1']
const TOKEN = /^[A-Za-z0-9._~+/=-]{16,256}$/

/** A fresh control token: 192 random bits. */
export function newControlToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Checks a given token (the `controlToken` option or `VODUP_EMULATOR_TOKEN`), naming its source. */
export function checkControlToken(token: string, source: string): string {
  if (!TOKEN.test(token))
    throw new TypeError(
      `${source} must be 16 to 256 characters of letters, digits and ._~+/=-, got one of ${token.length}`,
    )
  return token
}

/**
 * The control API answers only requests that name the emulator by a loopback address (or the IP it is bound
 * to): a page whose host name was made to resolve to 127.0.0.1 (DNS rebinding) still sends its own name.
 */
export function controlGuard(token: string, boundHost: string, port: number): ControlGuard {
  const hosts = new Set(LOOPBACK_NAMES)
  const bound = boundHost.toLowerCase()
  if (isIP(bound) !== 0 && bound !== '0.0.0.0' && bound !== '::') hosts.add(bound)
  const origins = new Set(
    [...hosts].map((host) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`),
  )
  return { token, hosts, origins }
}

const digest = (text: string) => createHash('sha256').update(text).digest()

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer +(\S+)$/.exec(req.headers.authorization ?? '')
  return match?.[1]
}

/**
 * Why a control request is refused, or undefined when it may go on: a foreign `Host` (403), a foreign
 * `Origin` (403), a missing or wrong token (401, unless `open`), a POST or PUT that is not JSON (415), or a
 * declared body over the cap (413).
 */
export function refuseControl(
  req: IncomingMessage,
  guard: ControlGuard,
  open: boolean,
): ControlRefusal | undefined {
  const host = hostnameOf(req.headers.host)
  if (!guard.hosts.has(host))
    return {
      status: 403,
      error: 'the control API answers only requests to a loopback address (check the Host header)',
    }
  const origin = req.headers.origin
  if (origin !== undefined && !guard.origins.has(origin.toLowerCase()))
    return { status: 403, error: 'the control API does not answer web pages of other origins' }
  if (!open) {
    const given = bearer(req)
    if (given === undefined || !timingSafeEqual(digest(given), digest(guard.token)))
      return {
        status: 401,
        error:
          'the control API needs "Authorization: Bearer <token>" with the token the emulator printed',
      }
  }
  const method = req.method ?? 'GET'
  if (
    (method === 'POST' || method === 'PUT') &&
    !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')
  )
    return {
      status: 415,
      error: 'the control API takes JSON bodies only (Content-Type: application/json)',
    }
  const length = Number(req.headers['content-length'] ?? 0)
  if (!(length <= CONTROL_BODY_LIMIT))
    return {
      status: 413,
      error: `the control API reads bodies of ${CONTROL_BODY_LIMIT} bytes at most`,
    }
  return undefined
}
