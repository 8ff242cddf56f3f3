import type {
  BodyPadding,
  CountFault,
  FailNextFault,
  FaultSettings,
  HostileListPartsFault,
  LoseAnswerFault,
  ResetConnectionFault,
  RewriteAnswerFault,
} from './fault-types.js'
import { unknownPlaceholders } from './http/echo.js'
import { OPERATIONS } from './operations.js'

/**
 * Fault inputs are checked before anything changes, so a bad field (a status of 99999, a typo in an operation
 * name) is an error naming it, never a fault that silently does something else.
 */

const MAX_COUNT = 1_000_000_000
/** Headers that frame the message: the emulator sets them itself. */
const FRAMING = ['content-length', 'transfer-encoding', 'connection']
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/
// Visible ASCII, spaces and tabs: what an HTTP header value may hold without being refused by Node.
const HEADER_VALUE = /^[\t\x20-\x7e]{0,8192}$/

type Fields = Record<string, unknown>

function object(value: unknown, at: string, allowed: string[]): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${at} must be an object`)
  for (const name of Object.keys(value))
    if (!allowed.includes(name)) throw new TypeError(`${at}.${name} is not a field of this fault`)
  return value as Fields
}

/** An integer in [min, max], or the fallback when absent. */
export function integerIn(
  value: unknown,
  at: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  if (value === undefined && fallback !== undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new RangeError(
      `${at} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    )
  return value
}

function text(value: unknown, at: string, maxLength: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.length > maxLength || (pattern && !pattern.test(value)))
    throw new TypeError(
      `${at} must be ${pattern ? 'valid' : 'a'} text of ${maxLength} characters at most`,
    )
  return value
}

function flag(value: unknown, at: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${at} must be true or false`)
  return value
}

function operation(value: unknown, at: string): { operation?: string } {
  if (value === undefined) return {}
  if (typeof value !== 'string' || !OPERATIONS.includes(value))
    throw new TypeError(
      `${at} must be one of ${OPERATIONS.join(', ')}, got ${JSON.stringify(value)}`,
    )
  return { operation: value }
}

function headerName(value: unknown, at: string): string {
  const name = text(value, at, 256, HEADER_NAME)
  if (FRAMING.includes(name.toLowerCase()))
    throw new TypeError(`${at} may not be ${name}: the emulator frames each answer itself`)
  return name
}

const count = (value: unknown, at: string) => integerIn(value, `${at}.count`, 1, MAX_COUNT, 1)

export function checkFailNext(value: unknown, at = 'failNext'): FailNextFault & { count: number } {
  const f = object(value, at, ['operation', 'count', 'status', 'code', 'message'])
  return {
    ...operation(f.operation, `${at}.operation`),
    count: count(f.count, at),
    status: integerIn(f.status, `${at}.status`, 200, 599),
    code: text(f.code, `${at}.code`, 256, /^[A-Za-z0-9._-]+$/),
    ...(f.message !== undefined ? { message: text(f.message, `${at}.message`, 65536) } : {}),
  }
}

export function checkResetConnection(
  value: unknown,
  at = 'resetConnection',
): ResetConnectionFault & { count: number } {
  const f = object(value, at, ['operation', 'afterBytes', 'count'])
  return {
    ...operation(f.operation, `${at}.operation`),
    afterBytes: integerIn(f.afterBytes, `${at}.afterBytes`, 0, Number.MAX_SAFE_INTEGER),
    count: count(f.count, at),
  }
}

export function checkLoseAnswer(
  value: unknown,
  at = 'loseAnswer',
): LoseAnswerFault & { count: number } {
  const f = object(value ?? {}, at, ['operation', 'count'])
  return { ...operation(f.operation, `${at}.operation`), count: count(f.count, at) }
}

export function checkCount(value: unknown, at: string): number {
  const f = object(value ?? {}, at, ['count']) as CountFault
  return count(f.count, at)
}

export function checkLatency(value: unknown, at = 'latency'): { ms: number; operation?: string } {
  const f = typeof value === 'number' ? { ms: value } : object(value, at, ['ms', 'operation'])
  return {
    ms: integerIn(f.ms, `${at}.ms`, 0, 3_600_000),
    ...operation(f.operation, `${at}.operation`),
  }
}

export function checkBandwidth(
  value: unknown,
  at = 'bandwidth',
): { bytesPerSecond: number; operation?: string } {
  const f =
    typeof value === 'number'
      ? { bytesPerSecond: value }
      : object(value, at, ['bytesPerSecond', 'operation'])
  return {
    bytesPerSecond: integerIn(f.bytesPerSecond, `${at}.bytesPerSecond`, 0, Number.MAX_SAFE_INTEGER),
    ...operation(f.operation, `${at}.operation`),
  }
}

export function checkSkew(value: unknown, at = 'skewClock'): number {
  const tenYears = 10 * 366 * 24 * 3600 * 1000
  return integerIn(value, at, -tenYears, tenYears)
}

function checkPadding(value: unknown, at: string): BodyPadding {
  const f = object(value, at, ['bytes', 'after', 'unsized'])
  return {
    bytes: integerIn(f.bytes, `${at}.bytes`, 0, 2 ** 40),
    ...(f.after !== undefined ? { after: text(f.after, `${at}.after`, 4096) } : {}),
    ...(f.unsized !== undefined ? { unsized: flag(f.unsized, `${at}.unsized`) } : {}),
  }
}

export function checkRewriteAnswer(
  value: unknown,
  at = 'rewriteAnswer',
): RewriteAnswerFault & { count: number } {
  const f = object(value, at, [
    'operation',
    'partNumber',
    'count',
    'status',
    'removeHeaders',
    'setHeaders',
    'body',
    'padTo',
  ])
  let removeHeaders: string[] | undefined
  if (f.removeHeaders !== undefined) {
    if (!Array.isArray(f.removeHeaders))
      throw new TypeError(`${at}.removeHeaders must be an array of header names`)
    removeHeaders = f.removeHeaders.map((name, i) => headerName(name, `${at}.removeHeaders[${i}]`))
  }
  let setHeaders: Record<string, string> | undefined
  if (f.setHeaders !== undefined) {
    const headers = object(f.setHeaders, `${at}.setHeaders`, Object.keys(f.setHeaders ?? {}))
    setHeaders = {}
    for (const [name, headerValue] of Object.entries(headers)) {
      headerName(name, `${at}.setHeaders name ${JSON.stringify(name)}`)
      setHeaders[name] = text(headerValue, `${at}.setHeaders.${name}`, 8192, HEADER_VALUE)
    }
  }
  const echoes = (text: string | undefined, where: string) => {
    const unknown = text === undefined ? [] : unknownPlaceholders(text)
    if (unknown.length)
      throw new TypeError(
        `${where} holds ${unknown.join(', ')}: the placeholders are {{authorization}}, {{signature}}, {{security-token}}, {{query}} and {{param:NAME}}`,
      )
  }
  if (typeof f.body === 'string') echoes(f.body, `${at}.body`)
  for (const [name, headerValue] of Object.entries(setHeaders ?? {}))
    echoes(headerValue, `${at}.setHeaders.${name}`)
  return {
    ...operation(f.operation, `${at}.operation`),
    ...(f.partNumber !== undefined
      ? { partNumber: integerIn(f.partNumber, `${at}.partNumber`, 1, 10_000) }
      : {}),
    count: count(f.count, at),
    ...(f.status !== undefined ? { status: integerIn(f.status, `${at}.status`, 200, 599) } : {}),
    ...(removeHeaders ? { removeHeaders } : {}),
    ...(setHeaders ? { setHeaders } : {}),
    ...(f.body !== undefined ? { body: text(f.body, `${at}.body`, 16 * 1024 * 1024) } : {}),
    ...(f.padTo !== undefined ? { padTo: checkPadding(f.padTo, `${at}.padTo`) } : {}),
  }
}

export function checkHostileListParts(
  value: unknown,
  at = 'hostileListParts',
): HostileListPartsFault {
  const f = object(value, at, ['mode', 'parts', 'count'])
  if (f.mode !== 'endless' && f.mode !== 'stuck' && f.mode !== 'huge')
    throw new TypeError(
      `${at}.mode must be "endless", "stuck" or "huge", got ${JSON.stringify(f.mode)}`,
    )
  return {
    mode: f.mode,
    ...(f.parts !== undefined ? { parts: integerIn(f.parts, `${at}.parts`, 0, 10_000_000) } : {}),
    ...(f.count !== undefined ? { count: integerIn(f.count, `${at}.count`, 1, MAX_COUNT) } : {}),
  }
}

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]
const indexed = (value: unknown, name: string, i: number) =>
  Array.isArray(value) ? `${name}[${i}]` : name

/** {@link FaultSettings} with every field checked and defaults filled in. */
export interface CheckedSettings {
  clear: boolean
  expireAllTokens: boolean
  failNext: (FailNextFault & { count: number })[]
  resetConnection: (ResetConnectionFault & { count: number })[]
  loseAnswer: (LoseAnswerFault & { count: number })[]
  rewriteAnswer: (RewriteAnswerFault & { count: number })[]
  latency?: { ms: number; operation?: string }
  bandwidth?: { bytesPerSecond: number; operation?: string }
  skewClock?: number
  corruptNextPart?: number
  wrongEtagNext?: number
  hostileListParts?: HostileListPartsFault | null
}

const SETTINGS = [
  'clear',
  'expireAllTokens',
  'failNext',
  'resetConnection',
  'loseAnswer',
  'latency',
  'bandwidth',
  'skewClock',
  'corruptNextPart',
  'wrongEtagNext',
  'rewriteAnswer',
  'hostileListParts',
]

/** Checks a whole {@link FaultSettings} object; throws naming the first bad field, having changed nothing. */
export function checkSettings(value: unknown): CheckedSettings {
  const s = object(value ?? {}, 'faults', SETTINGS) as FaultSettings & Fields
  for (const flag of ['clear', 'expireAllTokens'] as const)
    if (s[flag] !== undefined && typeof s[flag] !== 'boolean')
      throw new TypeError(`faults.${flag} must be a boolean`)
  return {
    clear: s.clear === true,
    expireAllTokens: s.expireAllTokens === true,
    failNext: list(s.failNext).map((f, i) => checkFailNext(f, indexed(s.failNext, 'failNext', i))),
    resetConnection: list(s.resetConnection).map((f, i) =>
      checkResetConnection(f, indexed(s.resetConnection, 'resetConnection', i)),
    ),
    loseAnswer: list(s.loseAnswer).map((f, i) =>
      checkLoseAnswer(f, indexed(s.loseAnswer, 'loseAnswer', i)),
    ),
    rewriteAnswer: list(s.rewriteAnswer).map((f, i) =>
      checkRewriteAnswer(f, indexed(s.rewriteAnswer, 'rewriteAnswer', i)),
    ),
    ...(s.latency !== undefined ? { latency: checkLatency(s.latency ?? 0) } : {}),
    ...(s.bandwidth !== undefined ? { bandwidth: checkBandwidth(s.bandwidth ?? 0) } : {}),
    ...(s.skewClock !== undefined ? { skewClock: checkSkew(s.skewClock) } : {}),
    ...(s.corruptNextPart !== undefined
      ? { corruptNextPart: checkCount(s.corruptNextPart, 'corruptNextPart') }
      : {}),
    ...(s.wrongEtagNext !== undefined
      ? { wrongEtagNext: checkCount(s.wrongEtagNext, 'wrongEtagNext') }
      : {}),
    ...(s.hostileListParts !== undefined
      ? {
          hostileListParts:
            s.hostileListParts === null ? null : checkHostileListParts(s.hostileListParts),
        }
      : {}),
  }
}
