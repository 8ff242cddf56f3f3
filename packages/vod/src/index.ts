// The VOD layer: what vodup's two credential strategies (@vodup/auth-uploadauth, @vodup/auth-sts) and the VODUpload
// drop-ins (@vodup/vodupload-compat) share. Published for them; app servers may use the OpenAPI client.

export type { RpcTransmit } from './call-vod-api'
export { callVodApi, performRpc } from './call-vod-api'
export type { CredentialAnswer, CredentialAsk, CredentialReason } from './credential-answer'
export type { CredentialFlowOptions } from './credential-flow'
export { credentialFlow, MAX_TOKEN_RENEWALS } from './credential-flow'
export { invalidOption } from './invalid-option'
export { maskSecretParameters, SECRET_PARAMETERS } from './mask-parameters'
export { assertNotEmpty, isImageFile } from './media-kind'
export { percentEncode } from './percent-encode'
export type { RpcClock, RpcCredentials, VodApiRequest } from './rpc-request'
export { prepareRpc, VOD_API_VERSION } from './rpc-request'
export type { RpcResult } from './rpc-response'
export { MAX_SERVER_MESSAGE, readRpcResponse, serverMessage } from './rpc-response'
export type { RpcParams, SignedRpcRequest } from './rpc-signature'
export { canonicalQuery, signRpcRequest } from './rpc-signature'
export type { AssumeRoleCredentials, CheckedStsToken, StsToken, StsTokenFields } from './sts-token'
export { checkStsToken } from './sts-token'
export { assertSecureEndpoint, isLoopbackHost, isPlainHttpToRemote } from './transport-security'
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
export type { VodInfo } from './user-data'
export { parseUserData, vodInfoOf } from './user-data'
export { USER_DATA_LIMITS, VOD_PARAMETER_LIMITS } from './user-data-limits'
export { checkRegion, DEFAULT_REGION, vodEndpoint } from './vod-endpoint'
// The VOD fields of a file, declared into @vodup/core (FileExtensions, FileMeta)
export { withMetaVideoId } from './vod-fields'
export type { UploadAction } from './vod-params'
export { checkVodInfo, uploadActionFor, uploadActionParams } from './vod-params'
