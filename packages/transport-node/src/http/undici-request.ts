import type { HttpRequest, HttpResponse } from '@vodup/core'
import { getHeader, UploadError } from '@vodup/core'
import type { Dispatcher } from 'undici'
import { describeUrl, toNetworkError } from './network-error'
import { progressBody } from './progress-body'

/** Default per-request deadline when the request names none. */
export const DEFAULT_TIMEOUT_MS = 60_000

function bodyOf(request: HttpRequest, headers: Record<string, string>) {
  const { body, onUploadProgress } = request
  if (body === undefined || typeof body === 'string' || !onUploadProgress || body.length === 0) {
    return body
  }
  // A streamed body needs its length up front, or undici would fall back to chunked encoding.
  if (getHeader(headers, 'content-length') === undefined) {
    headers['content-length'] = String(body.length)
  }
  return progressBody(body, onUploadProgress) as unknown as Dispatcher.DispatchOptions['body']
}

function lowerCaseHeaders(raw: Record<string, string | string[] | undefined>) {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/**
 * Sends one request through an undici dispatcher. Resolves for every HTTP status (body read as text, header names
 * lower-cased); rejects only with `ABORTED` (the signal's reason), `TIMEOUT` (the request's `timeoutMs`, counted
 * from the start to the end of the response body) or `NETWORK`.
 */
export async function undiciRequest(
  dispatcher: Dispatcher,
  request: HttpRequest,
): Promise<HttpResponse> {
  const { signal } = request
  if (signal?.aborted) throw signal.reason
  let url: URL
  try {
    url = new URL(request.url)
  } catch (error) {
    throw new UploadError('NETWORK', `"${describeUrl(request.url)}" is not a valid URL.`, {
      cause: error,
      retryable: false,
    })
  }
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const controller = new AbortController()
  let reason: UploadError | undefined
  const stop = (why: UploadError) => {
    reason ??= why
    controller.abort(why)
  }
  const unsubscribe = signal?.onAbort(stop)
  const timer = setTimeout(
    () =>
      stop(
        new UploadError(
          'TIMEOUT',
          `${request.method} ${describeUrl(request.url)} got no complete response in ${timeoutMs} ms.`,
        ),
      ),
    timeoutMs,
  )
  const headers = { ...request.headers }
  try {
    const response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
      body: bodyOf(request, headers),
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
    const body = await response.body.text()
    return {
      status: response.statusCode,
      headers: lowerCaseHeaders(response.headers),
      body,
    }
  } catch (error) {
    if (reason) throw reason
    throw toNetworkError(error, request.method, request.url)
  } finally {
    clearTimeout(timer)
    unsubscribe?.()
  }
}
