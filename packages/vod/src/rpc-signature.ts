import { UploadError } from '@vodup/core'
import { hmacSha1Base64 } from '@vodup/target-oss/internal'
import { percentEncode } from './percent-encode'

/** RPC parameters; `undefined` values are left out (never sent as the text "undefined"). */
export type RpcParams = Record<string, string | number | boolean | undefined>

/** A request signed with OpenAPI signature version 1.0. */
export interface SignedRpcRequest {
  /** The canonical query string followed by `&Signature=…`: what goes after `?` in the URL. */
  query: string
  /** The signature, base64 (not percent-encoded). */
  signature: string
  /** What was signed: `METHOD&%2F&<encoded canonical query>`. Holds the parameters, so keep it out of logs. */
  stringToSign: string
}

function encodeParam(name: string, value: string): string {
  try {
    return `${percentEncode(name)}=${percentEncode(value)}`
  } catch {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `RPC parameter "${name}" holds text that is not valid Unicode (a lone surrogate).`,
      { field: name },
    )
  }
}

/** `k1=v1&k2=v2…`: every parameter but `Signature`, names in byte order, names and values percent-encoded. */
export function canonicalQuery(params: RpcParams): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature' && params[name] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => encodeParam(name, String(params[name])))
    .join('&')
}

/**
 * Signs RPC parameters (OpenAPI signature version 1.0, HMAC-SHA1) the way VOD, STS and the other RPC-style
 * Alibaba Cloud APIs check them. `params` must already hold the common parameters (`Action`, `Version`,
 * `Format`, `AccessKeyId`, `SignatureMethod`, `SignatureVersion`, `SignatureNonce`, `Timestamp` and, for STS
 * credentials, `SecurityToken`). Works in mini programs and on servers alike.
 *
 * @example
 * ```ts
 * const { query } = signRpcRequest(params, accessKeySecret)
 * const url = `https://vod.cn-shanghai.aliyuncs.com/?${query}`
 * ```
 */
export function signRpcRequest(
  params: RpcParams,
  accessKeySecret: string,
  method: 'GET' | 'POST' = 'GET',
): SignedRpcRequest {
  if (typeof accessKeySecret !== 'string' || accessKeySecret === '') {
    throw new UploadError('INVALID_ARGUMENT', 'accessKeySecret must be a non-empty string.', {
      field: 'accessKeySecret',
    })
  }
  if (typeof params !== 'object' || params === null) {
    throw new UploadError('INVALID_ARGUMENT', 'RPC parameters must be an object.', {
      field: 'params',
    })
  }
  const query = canonicalQuery(params)
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(query)}`
  const signature = hmacSha1Base64(`${accessKeySecret}&`, stringToSign)
  return { query: `${query}&Signature=${percentEncode(signature)}`, signature, stringToSign }
}
