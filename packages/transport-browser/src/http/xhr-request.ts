import type { HttpRequest, HttpResponse } from '@vodup/core'
import { limitResponseBody, responseLimit, UploadError, utf8Encode } from '@vodup/core'
import { sliceOf } from '../files/blob-source'
import { describeUrl } from './describe-url'
import { maySetHeader, parseResponseHeaders } from './response-headers'

/** Default per-request deadline when the request names none. */
export const DEFAULT_TIMEOUT_MS = 60_000

/** The page's origin, or undefined outside a page or worker. */
function pageOrigin(): string | undefined {
  return (globalThis as { location?: { origin?: string } }).location?.origin
}

/** True when the browser filters this URL's response headers through CORS (another origin than the page's). */
export function isCrossOrigin(url: string): boolean {
  const origin = pageOrigin()
  if (!origin || origin === 'null') return true
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)
  return !match || match[0].toLowerCase() !== origin.toLowerCase()
}

/**
 * The headers of `request.exposeHeaders` that a 2xx answer from another origin did not show: the browser hides
 * every response header the server's CORS rule does not expose.
 */
function hiddenHeaders(request: HttpRequest, response: HttpResponse): string[] {
  const wanted = request.exposeHeaders
  if (!wanted?.length || response.status < 200 || response.status > 299) return []
  if (!isCrossOrigin(request.url)) return []
  return wanted.filter((name) => !(name.toLowerCase() in response.headers))
}

function corsExposeError(request: HttpRequest, status: number, missing: string[]): UploadError {
  const wanted = request.exposeHeaders ?? []
  return new UploadError(
    'BAD_RESPONSE',
    `${request.method} ${describeUrl(request.url)} answered ${status}, but this page cannot read its ` +
      `${missing.join(', ')} header${missing.length > 1 ? 's' : ''}: the server's CORS rule must expose ` +
      `${wanted.join(', ')} (Access-Control-Expose-Headers; on OSS, the bucket's CORS rule's ExposeHeader).`,
    { status, retryable: false },
  )
}

/**
 * What XHR sends. Strings go as UTF-8 bytes (XHR would otherwise add a Content-Type of its own, which the
 * signature lacks). A part read from a file goes as its `Blob` slice: the browser streams it from the file
 * instead of copying the bytes once more.
 */
function bodyOf(request: HttpRequest): Blob | Uint8Array<ArrayBuffer> | null {
  const { body } = request
  if (body === undefined) return null
  if (typeof body === 'string') return utf8Encode(body) as Uint8Array<ArrayBuffer>
  return sliceOf(body) ?? (body as Uint8Array<ArrayBuffer>)
}

/**
 * Sends one request with `XMLHttpRequest`, the only browser API that reports how many body bytes went out
 * (`xhr.upload.onprogress`). Resolves for every HTTP status (header names lower-cased); rejects with `ABORTED`
 * (the signal's reason), `TIMEOUT` (`timeoutMs`, default 60 s), `NETWORK` (no answer, which in a browser
 * includes a CORS rule that refused this page's origin) or `INVALID_ARGUMENT` (field `url`) for a URL that is
 * not http(s). A 2xx answer from another origin that hides a header
 * named in `exposeHeaders` fails with a `BAD_RESPONSE` naming the headers the server's CORS rule must expose.
 */
export function xhrRequest(request: HttpRequest): Promise<HttpResponse> {
  const { signal } = request
  if (signal?.aborted) return Promise.reject(signal.reason)
  const where = `${request.method} ${describeUrl(request.url)}`
  if (!/^https?:\/\//i.test(request.url)) {
    return Promise.reject(
      new UploadError(
        'INVALID_ARGUMENT',
        `"${describeUrl(request.url)}" is not an http:// or https:// URL.`,
        {
          field: 'url',
        },
      ),
    )
  }
  return new Promise<HttpResponse>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    let settled = false
    let unsubscribe: (() => void) | undefined
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      unsubscribe?.()
      finish()
    }
    try {
      xhr.open(request.method, request.url, true)
    } catch (error) {
      reject(
        new UploadError('INVALID_ARGUMENT', `"${describeUrl(request.url)}" is not a valid URL.`, {
          cause: error,
          field: 'url',
        }),
      )
      return
    }
    xhr.timeout = request.timeoutMs ?? DEFAULT_TIMEOUT_MS
    for (const [name, value] of Object.entries(request.headers)) {
      if (maySetHeader(name)) xhr.setRequestHeader(name, value)
    }
    const { onUploadProgress } = request
    if (onUploadProgress && request.body !== undefined) {
      xhr.upload.onprogress = (event) => onUploadProgress(event.loaded)
    }
    const limit = responseLimit(request)
    /** Answers with what arrived: the body cut at the limit (marked truncated), or whole. */
    const answer = (body: string, cut: boolean) =>
      settle(() => {
        const response = limitResponseBody(
          {
            status: xhr.status,
            headers: parseResponseHeaders(xhr.getAllResponseHeaders()),
            body,
            ...(cut ? { truncated: true } : {}),
          },
          request,
        )
        if (cut) xhr.abort() // after reading the headers: an aborted XHR has none
        const missing = hiddenHeaders(request, response)
        if (missing.length > 0) reject(corsExposeError(request, xhr.status, missing))
        else resolve(response)
      })
    // A body longer than the limit is not read: announced by Content-Length, or cut once that much arrived.
    xhr.onreadystatechange = () => {
      if (xhr.readyState !== XMLHttpRequest.HEADERS_RECEIVED) return
      const length = Number(xhr.getResponseHeader('content-length') ?? Number.NaN)
      if (length > limit) answer('', true)
    }
    xhr.onprogress = (event) => {
      if (event.loaded > limit) answer(xhr.responseText.slice(0, limit), true)
    }
    xhr.onload = () => answer(xhr.responseText, false)
    xhr.onerror = () =>
      settle(() =>
        reject(
          new UploadError(
            'NETWORK',
            `${where} failed: no answer arrived (the connection failed, or the server's CORS rule does not ` +
              `allow this page's origin ${pageOrigin() ?? ''}).`,
          ),
        ),
      )
    xhr.ontimeout = () =>
      settle(() =>
        reject(
          new UploadError('TIMEOUT', `${where} got no complete response in ${xhr.timeout} ms.`),
        ),
      )
    unsubscribe = signal?.onAbort((reason) =>
      settle(() => {
        xhr.abort()
        reject(reason)
      }),
    )
    xhr.send(bodyOf(request))
  })
}
