import { type HttpRequest, UploadError } from '@vodup/core'
import { canonicalQuery, type RpcParams, signRpcRequest } from './rpc-signature'
import { DEFAULT_REGION, vodEndpoint } from './vod-endpoint'

/** The credentials an RPC call is signed with. */
export interface RpcCredentials {
  accessKeyId: string
  accessKeySecret: string
  /** STS token; required for STS credentials. */
  securityToken?: string
}

/** One OpenAPI RPC call. */
export interface VodApiRequest {
  /** The API action, e.g. `CreateUploadVideo`, `AssumeRole`. */
  action: string
  /** The action's parameters. */
  params?: RpcParams
  credentials: RpcCredentials
  /** Service endpoint with scheme, e.g. an emulator's URL or `https://sts.aliyuncs.com`. Default: from `region`. */
  endpoint?: string
  /** VOD region for the default endpoint `https://vod.<region>.aliyuncs.com`. Default `cn-shanghai`. */
  region?: string
  /** API version. Default `2017-03-21` (VOD); STS is `2015-04-01`. */
  version?: string
  timeoutMs?: number
}

/** Server time minus local time, learned from a refused timestamp; applied to later `Timestamp`s. */
export interface RpcClock {
  offsetMs: number
}

/** The VOD API version. */
export const VOD_API_VERSION = '2017-03-21'

/** `YYYY-MM-DDThh:mm:ssZ`, the `Timestamp` format of the RPC APIs. */
export function rpcTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

let nonceCount = 0

/** A signature nonce unique within this process (no crypto API needed: it only has to be unique). */
export function makeNonce(): string {
  nonceCount = (nonceCount + 1) % 0x100000
  const random = () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0')
  return `${Date.now().toString(16)}-${nonceCount.toString(16)}-${random()}${random()}`
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new UploadError('INVALID_ARGUMENT', `${field} must be a non-empty string.`, { field })
  }
  return value
}

function parseQuery(query: string): RpcParams {
  const params: RpcParams = {}
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const at = pair.indexOf('=')
    const name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at))
    params[name] = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1))
  }
  return params
}

/**
 * An RPC call as an unsigned GET request holding the public parameters (what `request` hooks see: no
 * credentials), and a signer that adds the credentials, a fresh nonce and timestamp, and the signature.
 */
export function prepareRpc(
  call: VodApiRequest,
  clock: RpcClock = { offsetMs: 0 },
): { request: HttpRequest; sign: (request: HttpRequest) => HttpRequest } {
  if (typeof call !== 'object' || call === null) {
    throw new UploadError('INVALID_ARGUMENT', 'The RPC call must be an object.', { field: 'call' })
  }
  const action = text(call.action, 'action')
  const credentials = call.credentials ?? ({} as RpcCredentials)
  const accessKeyId = text(credentials.accessKeyId, 'credentials.accessKeyId')
  const accessKeySecret = text(credentials.accessKeySecret, 'credentials.accessKeySecret')
  const securityToken =
    credentials.securityToken === undefined
      ? undefined
      : text(credentials.securityToken, 'credentials.securityToken')
  const base = vodEndpoint(call.region ?? DEFAULT_REGION, call.endpoint)
  const publicParams: RpcParams = {
    ...call.params,
    Action: action,
    Version: call.version ?? VOD_API_VERSION,
    Format: 'JSON',
  }
  const request: HttpRequest = {
    method: 'GET',
    url: `${base}/?${canonicalQuery(publicParams)}`,
    headers: {},
    ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
  }
  const sign = (prepared: HttpRequest): HttpRequest => {
    const at = prepared.url.indexOf('?')
    const params: RpcParams = {
      ...parseQuery(at < 0 ? '' : prepared.url.slice(at + 1)),
      AccessKeyId: accessKeyId,
      SecurityToken: securityToken,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: makeNonce(),
      Timestamp: rpcTimestamp(Date.now() + clock.offsetMs),
    }
    const { query } = signRpcRequest(
      params,
      accessKeySecret,
      prepared.method === 'POST' ? 'POST' : 'GET',
    )
    return { ...prepared, url: `${at < 0 ? prepared.url : prepared.url.slice(0, at)}?${query}` }
  }
  return { request, sign }
}
