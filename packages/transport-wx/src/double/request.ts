import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isArrayBuffer } from 'node:util/types'
import type { NetworkFailure, WxDoubleApi } from './api-types'
import { type NetworkState, profileOf, responseHeaders, socketErrorText } from './network-state'
import { checkUrl, NetworkTask } from './network-task'

type RequestOption = WechatMiniprogram.RequestOption
type SuccessResult = WechatMiniprogram.RequestSuccessCallbackResult

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : headers[key]
}

function queryString(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => {
      const text = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)
      return `${encodeURIComponent(k)}=${encodeURIComponent(text)}`
    })
    .join('&')
}

/** The request body as WeChat would send it: ArrayBuffers raw, strings as UTF-8, objects per method and type. */
function encodeBody(
  option: RequestOption,
  method: string,
  contentType: string,
  url: URL,
): Buffer | undefined {
  const data = option.data
  if (data === undefined || data === null) return undefined
  if (isArrayBuffer(data)) return Buffer.from(data)
  if (typeof data === 'string') return method === 'GET' ? undefined : Buffer.from(data, 'utf8')
  const fields = data as Record<string, unknown>
  if (method === 'GET') {
    const query = queryString(fields)
    if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`
    return undefined
  }
  if (/x-www-form-urlencoded/i.test(contentType)) return Buffer.from(queryString(fields), 'utf8')
  return Buffer.from(JSON.stringify(fields), 'utf8')
}

/** `wx.request` over Node http(s): every HTTP status arrives in `success`. */
export function createRequest(net: NetworkState): WxDoubleApi['request'] {
  return (generic) => {
    const option = generic as RequestOption
    const headerListeners = new Set<WechatMiniprogram.RequestTaskOnHeadersReceivedCallback>()
    const method = (option.method ?? 'GET').toUpperCase()
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(option.header ?? {})) {
      if (['referer', 'content-length'].includes(name.toLowerCase())) continue
      headers[name] = String(value)
    }
    if (findHeader(headers, 'content-type') === undefined)
      headers['content-type'] = 'application/json'
    headers.Referer = net.config.referer
    const timeout = Math.min(option.timeout ?? net.config.defaultTimeoutMs, net.config.maxTimeoutMs)
    const checked = checkUrl(net, 'request', option.url)
    const url = 'url' in checked ? checked.url : undefined
    const body = url
      ? encodeBody(option, method, findHeader(headers, 'content-type')!, url)
      : undefined
    const task = new NetworkTask<SuccessResult>(net, 'request', option, timeout, {
      api: 'request',
      method,
      url: url?.href ?? String(option.url),
      headers,
      bodyBytes: body?.length ?? 0,
    })
    const requestTask: WechatMiniprogram.RequestTask = {
      abort: () => task.abort(),
      onHeadersReceived: (listener) => void headerListeners.add(listener),
      offHeadersReceived: (listener) => {
        if (listener) headerListeners.delete(listener as never)
        else headerListeners.clear()
      },
      onChunkReceived: () => {},
      offChunkReceived: () => {},
    }
    if ('failure' in checked) {
      const failure: NetworkFailure = checked.failure
      task.kill(failure.errMsg.replace(/^request:fail /, ''), failure.errno)
      return requestTask
    }
    task.start(() => {
      const started = Date.now()
      const send = url!.protocol === 'https:' ? httpsRequest : httpRequest
      const req = send(url!, {
        method,
        headers: { ...headers, 'content-length': String(body?.length ?? 0) },
        agent: url!.protocol === 'https:' ? net.httpsAgent : net.httpAgent,
      })
      task.onEnd(() => req.destroy())
      req.on('error', (error) => task.kill(socketErrorText(error), 600000))
      req.on('response', (res) => {
        const { header, cookies } = responseHeaders(res.rawHeaders, net.config.headerCase)
        const statusCode = res.statusCode ?? 0
        task.call.statusCode = statusCode
        for (const listener of [...headerListeners]) listener({ header, statusCode, cookies })
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', (error) => task.kill(socketErrorText(error), 600000))
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          task.succeed({
            statusCode,
            header,
            cookies,
            data: decodeData(raw, option),
            profile: profileOf(url!, started, body?.length ?? 0, raw.length),
            exception: { reasons: [], retryCount: 0 },
            useHttpDNS: false,
            errMsg: 'request:ok',
          })
        })
      })
      req.end(body)
    })
    return requestTask
  }
}

function decodeData(
  raw: Buffer,
  option: RequestOption,
): string | ArrayBuffer | Record<string, unknown> {
  if (option.responseType === 'arraybuffer') return new Uint8Array(raw).buffer
  const text = raw.toString('utf8')
  if ((option.dataType ?? 'json') !== 'json') return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
