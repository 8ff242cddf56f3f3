// The VOD layer: what vodup's two credential strategies (@vodup/auth-uploadauth, @vodup/auth-sts) and the VODUpload
// drop-ins (@vodup/vodupload-compat) share. Published for them; app servers may use the OpenAPI client.

// VOD OpenAPI: signature 1.0, requests, responses
export type { RpcTransmit } from './call-vod-api'
export { callVodApi, performRpc } from './call-vod-api'
export { onFileRunEnd } from './file-run-end'
// per-file answers from apps that answer from callbacks
export type { Letter } from './mailbox'
export { checkFileId, Mailbox } from './mailbox'
// media kinds
export { assertNotEmpty, isImageFile } from './media-kind'
export { percentEncode } from './percent-encode'
export type { RpcClock, RpcCredentials, VodApiRequest } from './rpc-request'
export { prepareRpc, VOD_API_VERSION } from './rpc-request'
export type { RpcResult } from './rpc-response'
export { readRpcResponse } from './rpc-response'
export type { RpcParams, SignedRpcRequest } from './rpc-signature'
export { canonicalQuery, signRpcRequest } from './rpc-signature'
export type { AssumeRoleCredentials, CheckedStsToken, StsToken, StsTokenFields } from './sts-token'
export { checkStsToken } from './sts-token'
// VOD's answers: UploadAuth, UploadAddress, STS tokens
export { normalizeEndpoint } from './upload-address'
export type { DecodedUploadAuth } from './upload-auth'
export { decodeUploadAuth } from './upload-auth'
export type {
  DecodedAnswer,
  UploadAuthAnswer,
  UploadAuthFields,
  VodUploadResponse,
} from './upload-auth-answer'
export { decodeAnswer, toAuthorization } from './upload-auth-answer'
// userData and the parameters of the upload actions
export type { VodInfo } from './user-data'
export { parseUserData, vodInfoOf } from './user-data'
export { checkRegion, DEFAULT_REGION, vodEndpoint } from './vod-endpoint'
export type { UploadAction } from './vod-params'
export { checkVodInfo, uploadActionFor, uploadActionParams } from './vod-params'
