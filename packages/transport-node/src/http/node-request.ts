import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { HttpRequest, HttpResponse } from '@vodup/core'
import { getHeader, responseLimit, UploadError } from '@vodup/core'
import type { BandwidthLimit } from './bandwidth-limit'
import { writeBody } from './body-writer'
import { readBoundedBody } from './bounded-body'
import type { Connections } from './connections'
import { describeUrl, toNetworkError } from './network-error'

/** Default per-request deadline when the request names none. */
export const DEFAULT_TIMEOUT_MS = 60_000

/** What {@link nodeRequest} sends through. */
export interface HttpClient {
  readonly connections: Connections
  readonly limit?: BandwidthLimit
}

/** Methods whose body-less requests still announce an empty body (else Node would send them chunked). */
const BODY_METHODS = new Set(['PUT', 'POST'])

function lowerCaseHeaders(raw: IncomingMessage['headers']): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

function parseUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (error) {
    throw new UploadError('INVALID_ARGUMENT', `"${describeUrl(url)}" is not a valid URL.`, {
      cause: error,
      field: 'url',
    })
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `"${describeUrl(url)}" is not an http:// or https:// URL.`,
      { field: 'url' },
    )
  }
  return parsed
}

/** The body as bytes (text as UTF-8), and its length in the headers unless the caller set one. */
function bodyBytes(request: HttpRequest, headers: Record<string, string>): Uint8Array | undefined {
  const { body } = request
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  if (getHeader(headers, 'content-length') === undefined) {
    if (bytes) headers['content-length'] = String(bytes.length)
    else if (BODY_METHODS.has(request.method)) headers['content-length'] = '0'
  }
  return bytes
}

/**
 * Sends one request with Node's own HTTP client through the transport's keep-alive pools (and proxy, and bandwidth
 * cap). Resolves for every HTTP status, with header names lower-cased and at most the request's
 * `maxResponseBytes` of body (`truncated` beyond); rejects only with `ABORTED` (the signal's reason), `TIMEOUT`
 * (the request's `timeoutMs`, counted from the start to the end of the response body, plus the time the cap
 * holds the body back), `NETWORK`, or `INVALID_ARGUMENT` (field `url`) for a URL that is not http(s).
 */
export async function nodeRequest(client: HttpClient, request: HttpRequest): Promise<HttpResponse> {
  const { signal } = request
  if (signal?.aborted) throw signal.reason
  const url = parseUrl(request.url)
  if (client.connections.isClosed) {
    throw new UploadError(
      'NETWORK',
      `${request.method} ${describeUrl(request.url)}: the transport was closed.`,
      {
        retryable: false,
      },
    )
  }
  const headers = { ...request.headers }
  const body = bodyBytes(request, headers)
  const route = await client.connections.route(url)
  if (signal?.aborted) throw signal.reason
  const timeoutMs =
    (request.timeoutMs ?? DEFAULT_TIMEOUT_MS) +
    (client.limit && body ? client.limit.durationMs(body.length) : 0)
  const send = route.secure ? httpsRequest : httpRequest

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false
    let reason: UploadError | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    let unsubscribe: (() => void) | undefined
    const outgoing = send({
      ...route.tls,
      ...route.target,
      method: request.method,
      headers: { ...headers, ...route.headers },
      agent: route.agent,
    })
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      unsubscribe?.()
      // A request answered before its body went out (or failed) must not keep writing a buffer about to be reused.
      if (!outgoing.writableFinished) outgoing.destroy()
      outcome()
    }
    const stop = (why: UploadError) => {
      reason ??= why
      outgoing.destroy(why)
      finish(() => reject(why))
    }
    unsubscribe = signal?.onAbort(stop)
    timer = setTimeout(
      () =>
        stop(
          new UploadError(
            'TIMEOUT',
            `${request.method} ${describeUrl(request.url)} got no complete response in ${timeoutMs} ms.`,
          ),
        ),
      timeoutMs,
    )
    outgoing.once('error', (error) => {
      finish(() =>
        reject(reason ?? toNetworkError(error, request.method, request.url, route.proxy)),
      )
    })
    outgoing.once('response', (response) => {
      readBoundedBody(response, responseLimit(request)).then(
        ({ text, truncated }) =>
          finish(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: lowerCaseHeaders(response.headers),
              body: text,
              ...(truncated ? { truncated: true } : {}),
            }),
          ),
        (error) =>
          finish(() =>
            reject(reason ?? toNetworkError(error, request.method, request.url, route.proxy)),
          ),
      )
    })
    if (!body) outgoing.end()
    else
      void writeBody(outgoing, body, {
        onProgress: request.onUploadProgress,
        limit: client.limit,
      })
  })
}
