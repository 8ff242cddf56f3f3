import { getHeader, type HttpRequest, type HttpResponse, isUploadError } from '@vodup/core'
import { prepareRpc, type RpcClock, type VodApiRequest } from './rpc-request'
import { type RpcResult, readRpcResponse } from './rpc-response'

/** Sends a signed request: `(request, sign) => send(sign(request))`, or through the kernel's `send`. */
export type RpcTransmit = (
  request: HttpRequest,
  sign: (request: HttpRequest) => HttpRequest,
) => Promise<HttpResponse>

/**
 * Runs one RPC call. A timestamp the server refuses as expired (`InvalidTimeStamp.Expired`, a wrong local clock)
 * is corrected once from the response's `Date` header, and `clock` remembers the offset for later calls.
 */
export async function performRpc(
  transmit: RpcTransmit,
  call: VodApiRequest,
  clock: RpcClock = { offsetMs: 0 },
): Promise<RpcResult> {
  const { request, sign } = prepareRpc(call, clock)
  for (let attempt = 1; ; attempt++) {
    const response = await transmit(request, sign)
    try {
      return readRpcResponse(response, call.action)
    } catch (error) {
      const serverTime = Date.parse(getHeader(response.headers, 'date') ?? '')
      if (
        attempt === 1 &&
        isUploadError(error) &&
        error.code === 'CLOCK_SKEWED' &&
        Number.isFinite(serverTime)
      ) {
        clock.offsetMs = serverTime - Date.now()
        continue
      }
      throw error
    }
  }
}

/**
 * Calls a VOD (or other RPC-style) OpenAPI action with signature version 1.0 and returns the JSON answer; errors
 * are `UploadError`s (see `readRpcResponse`). `send` is any function that sends an `HttpRequest`, such as a
 * vodup transport's `request`. Runs in mini programs and on app servers. `T` names the answer's shape (the JSON
 * is not checked against it): `callVodApi<UploadAuthAnswer>(…)` for CreateUploadVideo, as `uploadAuth()` takes it.
 *
 * @example
 * ```ts
 * const created = await callVodApi(transport.request, {
 *   action: 'CreateUploadVideo',
 *   params: { Title: 'Holiday', FileName: 'holiday.mp4' },
 *   credentials: { accessKeyId, accessKeySecret },
 *   region: 'cn-shanghai',
 * })
 * // created.UploadAuth, created.UploadAddress, created.VideoId
 * ```
 */
export function callVodApi<T = RpcResult>(
  send: (request: HttpRequest) => Promise<HttpResponse>,
  call: VodApiRequest,
): Promise<T> {
  return performRpc((request, sign) => send(sign(request)), call) as Promise<T>
}
