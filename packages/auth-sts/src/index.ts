export type { RpcTransmit } from './call-vod-api'
export { callVodApi, performRpc } from './call-vod-api'
export type { StsOptions } from './options'
export { validateStsOptions } from './options'
export { percentEncode } from './percent-encode'
export type { StsPlugin } from './plugin'
export { sts } from './plugin'
export type { StsHooks, TokenRequest } from './plugin-hooks'
export { getStsHooks } from './plugin-hooks'
export type { RpcClock, RpcCredentials, VodApiRequest } from './rpc-request'
export { makeNonce, prepareRpc, rpcTimestamp, VOD_API_VERSION } from './rpc-request'
export type { RpcResult } from './rpc-response'
export { readRpcResponse, redact } from './rpc-response'
export type { RpcParams, SignedRpcRequest } from './rpc-signature'
export { canonicalQuery, signRpcRequest } from './rpc-signature'
export type {
  AssumeRoleCredentials,
  CheckedStsToken,
  StsToken,
  StsTokenFields,
} from './sts-token'
export { checkStsToken } from './sts-token'
export type { VodInfo } from './user-data'
export { parseUserData, vodInfoOf } from './user-data'
export { DEFAULT_REGION, vodEndpoint } from './vod-endpoint'
export type { UploadAction } from './vod-params'
export { checkVodInfo, uploadActionFor, uploadActionParams } from './vod-params'
