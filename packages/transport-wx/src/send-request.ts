import {
  getHeader,
  type HttpRequest,
  type HttpResponse,
  limitResponseBody,
  responseLimit,
} from '@vodup/core'
import { bodyBuffer, bodyText } from './bytes'
import { classifyNetworkFailure, networkError } from './network-errors'
import type { WxLike, WxNetworkFailure } from './wx-api'

/** WeChat honours no request timeout above 60 s. */
export const MAX_TIMEOUT_MS = 60_000

/** Response header names lower-cased (WeChat keeps the server's case, HTTP/2 lower-cases, iOS may say `Etag`). */
export function lowerCaseHeaders(
  header: Record<string, unknown> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(header ?? {})) out[name.toLowerCase()] = String(header![name])
  return out
}

/** What the transport tells `sendRequest` besides the request. */
export interface SendContext {
  /** Timeout for requests that carry none. */
  defaultTimeoutMs: number
  /** Called just before a failure caused by a network change is reported. */
  onNetworkChangeFailure(): void
}

/**
 * Sends one request with `wx.request`: the body as an ArrayBuffer, the response as text, every HTTP status
 * resolved, and failures turned into `UploadError`s. Aborting the request's signal aborts the task. The answer is
 * bounded by the request's `maxResponseBytes`: when the headers announce a longer body the task is aborted before
 * WeChat hands it over (where the client reports the status with the headers), and a longer text is cut; either
 * way the response is marked `truncated`.
 */
export function sendRequest(
  wx: WxLike,
  request: HttpRequest,
  context: SendContext,
): Promise<HttpResponse> {
  const { signal } = request
  if (signal?.aborted) return Promise.reject(signal.reason)
  const data = bodyBuffer(request.body)
  const header = { ...request.headers }
  if (data !== undefined && getHeader(header, 'content-type') === undefined) {
    // wx.request would label the bytes application/json.
    header['content-type'] = 'application/octet-stream'
  }
  const timeout = Math.min(request.timeoutMs ?? context.defaultTimeoutMs, MAX_TIMEOUT_MS)
  return new Promise<HttpResponse>((resolve, reject) => {
    let done = false
    let offAbort: () => void = () => {}
    const settle = (outcome: () => void) => {
      if (done) return
      done = true
      offAbort()
      outcome()
    }
    const task = wx.request({
      url: request.url,
      method: request.method,
      header,
      ...(data !== undefined ? { data } : {}),
      dataType: 'text',
      responseType: 'text',
      timeout,
      success: (result) =>
        settle(() =>
          resolve(
            limitResponseBody(
              {
                status: result.statusCode,
                headers: lowerCaseHeaders(result.header),
                body: bodyText(result.data),
              },
              request,
            ),
          ),
        ),
      fail: (failure: WxNetworkFailure) =>
        settle(() => {
          const error = networkError('wx.request', request.method, request.url, failure)
          if (error.code === 'ABORTED' && signal?.aborted) return reject(signal.reason)
          if (classifyNetworkFailure(failure) === 'network-change') context.onNetworkChangeFailure()
          reject(error)
        }),
    })
    task.onHeadersReceived?.((received) => {
      const headers = lowerCaseHeaders(received.header)
      const length = Number(headers['content-length'])
      const status = received.statusCode
      if (typeof status !== 'number' || !(length > responseLimit(request))) return
      settle(() => {
        task.abort()
        resolve({ status, headers, body: '', truncated: true })
      })
    })
    if (signal) {
      offAbort = signal.onAbort((reason) =>
        settle(() => {
          task.abort()
          reject(reason)
        }),
      )
    }
  })
}
