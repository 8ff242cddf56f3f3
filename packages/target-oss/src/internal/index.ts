/**
 * Internal to vodup: the pieces of the OSS target that other vodup packages, tests and benchmarks share (the
 * VOD layer signs its RPC calls with `hmacSha1Base64` and `rfc3986Encode`; the CLI addresses objects and combines
 * CRC-64s; tests check signatures against OSS's documented examples). Not covered by semver: names and signatures
 * change in any release. Apps and plugins use `@vodup/target-oss`.
 *
 * @module
 */
export { crc64, crc64Combine } from '../crc64'
export type { EndpointParts, QueryParameters } from '../endpoint'
export { objectUrl, parseEndpoint } from '../endpoint'
export type { NativeHmac } from '../hashes'
export { hmacSha1Base64 } from '../hashes'
export { assertObjectKey } from '../object-key'
export type { SignedPostPolicy } from '../signing/post-policy'
export { signPostPolicy } from '../signing/post-policy'
export type { OssSigningRequest } from '../signing/signing-request'
export { ossV1Authorization } from '../signing/v1'
export type { OssV4Options } from '../signing/v4'
export { ossV4Authorization, rfc3986Encode } from '../signing/v4'
export type { OssErrorBody } from '../xml'
export { parseOssErrorXml } from '../xml'
