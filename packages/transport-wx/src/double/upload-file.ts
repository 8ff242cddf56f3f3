import { randomBytes } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { basename } from 'node:path'
import type { WxDoubleApi } from './api-types'
import { type NetworkState, profileOf, responseHeaders, socketErrorText } from './network-state'
import { checkUrl, NetworkTask } from './network-task'
import type { TempFiles } from './temp-files'

type SuccessResult = WechatMiniprogram.UploadFileSuccessCallbackResult

/** The multipart/form-data framing around the file: fields first, then the file part. */
function framing(
  boundary: string,
  fields: Record<string, unknown>,
  name: string,
  fileName: string,
) {
  let head = ''
  for (const [key, value] of Object.entries(fields)) {
    const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${text}\r\n`
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\n`
  head += 'Content-Type: application/octet-stream\r\n\r\n'
  return { head: Buffer.from(head, 'utf8'), tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8') }
}

/** `wx.uploadFile`: a streamed multipart/form-data POST with `onProgressUpdate`; the result has no headers. */
export function createUploadFile(net: NetworkState, files: TempFiles): WxDoubleApi['uploadFile'] {
  return (option) => {
    const progressListeners = new Set<WechatMiniprogram.UploadTaskOnProgressUpdateCallback>()
    const headerListeners = new Set<WechatMiniprogram.DownloadTaskOnHeadersReceivedCallback>()
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(option.header ?? {})) {
      if (['referer', 'content-length', 'content-type'].includes(name.toLowerCase())) continue
      headers[name] = String(value)
    }
    headers.Referer = net.config.referer
    const boundary = `----WeChatFormBoundary${randomBytes(8).toString('hex')}`
    headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`
    const timeout = Math.min(option.timeout ?? net.config.defaultTimeoutMs, net.config.maxTimeoutMs)
    const checked = checkUrl(net, 'uploadFile', option.url)
    const task = new NetworkTask<SuccessResult>(net, 'uploadFile', option, timeout, {
      api: 'uploadFile',
      method: 'POST',
      url: 'url' in checked ? checked.url.href : String(option.url),
      headers,
      bodyBytes: 0,
    })
    const uploadTask: WechatMiniprogram.UploadTask = {
      abort: () => task.abort(),
      onProgressUpdate: (listener) => void progressListeners.add(listener),
      offProgressUpdate: (listener) => {
        if (listener) progressListeners.delete(listener as never)
        else progressListeners.clear()
      },
      onHeadersReceived: (listener) => void headerListeners.add(listener),
      offHeadersReceived: (listener) => {
        if (listener) headerListeners.delete(listener as never)
        else headerListeners.clear()
      },
    }
    if ('failure' in checked) {
      task.kill(checked.failure.errMsg.replace(/^uploadFile:fail /, ''), checked.failure.errno)
      return uploadTask
    }
    const real = files.resolve(option.filePath)
    let fileSize = -1
    try {
      if (real) fileSize = statSync(real).size
    } catch {
      fileSize = -1
    }
    if (!real || fileSize < 0) {
      task.kill(`no such file or directory ${option.filePath}`, 0)
      return uploadTask
    }
    const url = checked.url
    const { head, tail } = framing(boundary, option.formData ?? {}, option.name, basename(real))
    const total = head.length + fileSize + tail.length
    task.call.bodyBytes = total
    task.start(() => {
      const started = Date.now()
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const req = send(url, {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(total) },
        agent: url.protocol === 'https:' ? net.httpsAgent : net.httpAgent,
      })
      const stream = createReadStream(real)
      task.onEnd(() => {
        stream.destroy()
        req.destroy()
      })
      let sent = 0
      const progressed = (bytes: number) => {
        sent += bytes
        if (task.done) return
        const update = {
          progress: Math.floor((sent / total) * 100),
          totalBytesSent: sent,
          totalBytesExpectedToSend: total,
        }
        for (const listener of [...progressListeners]) listener(update)
      }
      req.on('error', (error) => task.kill(socketErrorText(error), 600000))
      req.on('response', (res) => {
        const { header } = responseHeaders(res.rawHeaders, net.config.headerCase)
        task.call.statusCode = res.statusCode
        for (const listener of [...headerListeners]) listener({ header })
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', (error) => task.kill(socketErrorText(error), 600000))
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          task.succeed({
            data: raw.toString('utf8'),
            statusCode: res.statusCode ?? 0,
            profile: profileOf(url, started, total, raw.length),
            errMsg: 'uploadFile:ok',
          })
        })
      })
      req.write(head, () => progressed(head.length))
      stream.on('data', (chunk) => {
        const bytes = (chunk as Buffer).length
        if (!req.write(chunk, () => progressed(bytes))) {
          stream.pause()
          req.once('drain', () => stream.resume())
        }
      })
      stream.on('error', () => task.kill(`no such file or directory ${option.filePath}`, 0))
      stream.on('end', () => req.end(tail, () => progressed(tail.length)))
    })
    return uploadTask
  }
}
