export type { OssFailureContext } from './classify'
export { ossErrorCode, ossResponseError } from './classify'
export type { Crc64Hasher } from './crc64'
export { crc64, crc64Combine, crc64OfParts, createCrc64, isCrc64Decimal } from './crc64'
export type { EndpointParts, QueryParameters } from './endpoint'
export { isPathStyleHost, objectUrl, parseEndpoint, signingRegion } from './endpoint'
export { hmacSha1Base64 } from './hashes'
export { contentTypeOf, DEFAULT_CONTENT_TYPE } from './mime'
export { assertObjectKey, encodeObjectKey, MAX_OBJECT_KEY_BYTES } from './object-key'
export { completeUploadXml } from './operations/complete-upload'
export { formUploadPolicy } from './operations/form-upload'
export { notificationOf } from './operations/object-headers'
export type { OssIntegrity, OssTargetOptions, ResolvedOssTargetOptions } from './options'
export { DEFAULT_USER_AGENT, resolveOssTargetOptions } from './options'
export { createOssTarget, OSS_LIMITS, OSS_TARGET_NAME, ossTarget } from './oss-target'
export type { PostPolicy, SignedPostPolicy } from './signing/post-policy'
export { signPostPolicy } from './signing/post-policy'
export type { OssSigningRequest } from './signing/signing-request'
export {
  OSS_V1_SUBRESOURCES,
  ossV1Authorization,
  ossV1CanonicalResource,
  ossV1Signature,
  ossV1StringToSign,
} from './signing/v1'
export type { OssV4Options } from './signing/v4'
export {
  OSS_V4_ALGORITHM,
  ossV4Authorization,
  ossV4CanonicalRequest,
  ossV4Scope,
  ossV4Signature,
  ossV4StringToSign,
  rfc3986Encode,
} from './signing/v4'
export type { OssErrorBody } from './xml'
export { parseOssErrorXml } from './xml'
