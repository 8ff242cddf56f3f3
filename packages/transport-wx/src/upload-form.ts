import { type FormUploadRequest, type HttpResponse, limitResponseBody } from '@vodup/core'
import { bodyText } from './bytes'
import { missingFileError } from './file-errors'
import { networkError } from './network-errors'
import { redact } from './redact'
import { lowerCaseHeaders, MAX_TIMEOUT_MS } from './send-request'
import type { WxLike, WxNetworkFailure } from './wx-api'

/**
 * Posts a file with `wx.uploadFile` (multipart/form-data, streamed by WeChat): OSS PostObject. Progress comes from
 * `onProgressUpdate`, scaled from body bytes to file bytes. The success result has no headers, so they are taken
 * from `onHeadersReceived` where the client has it.
 */
export function uploadFormWithWx(
  wx: WxLike,
  path: string,
  fileSize: number,
  request: FormUploadRequest,
  defaultTimeoutMs: number,
): Promise<HttpResponse> {
  const { signal } = request
  if (signal?.aborted) return Promise.reject(signal.reason)
  const upload = wx.uploadFile!.bind(wx)
  return new Promise<HttpResponse>((resolve, reject) => {
    let done = false
    let headers: Record<string, string> = {}
    let offAbort: () => void = () => {}
    const settle = (outcome: () => void) => {
      if (done) return
      done = true
      offAbort()
      outcome()
    }
    const task = upload({
      url: request.url,
      filePath: path,
      name: request.fileField,
      formData: { ...request.fields },
      header: { ...request.headers },
      timeout: Math.min(request.timeoutMs ?? defaultTimeoutMs, MAX_TIMEOUT_MS),
      success: (result) =>
        settle(() =>
          resolve(
            limitResponseBody(
              { status: result.statusCode, headers, body: bodyText(result.data) },
              request,
            ),
          ),
        ),
      fail: (failure: WxNetworkFailure) =>
        settle(() => {
          if (/no such file|not exist/i.test(String(failure.errMsg))) {
            return reject(
              missingFileError(path, `wx.uploadFile: ${redact(String(failure.errMsg))}`),
            )
          }
          const error = networkError('wx.uploadFile', 'POST', request.url, failure)
          reject(error.code === 'ABORTED' && signal?.aborted ? signal.reason : error)
        }),
    })
    task.onHeadersReceived?.((result) => {
      headers = lowerCaseHeaders(result.header)
    })
    task.onProgressUpdate?.((progress) => {
      if (done || !request.onUploadProgress || progress.totalBytesExpectedToSend <= 0) return
      const share = Math.min(1, progress.totalBytesSent / progress.totalBytesExpectedToSend)
      request.onUploadProgress(Math.floor(share * fileSize), fileSize)
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
