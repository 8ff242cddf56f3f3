/**
 * The Alibaba Cloud OSS target for vodup: {@link ossTarget} (the plugin) and {@link createOssTarget} (the bare
 * `Target`), their options and OSS's multipart limits. The signing, CRC-64 and addressing code that other vodup
 * packages share is on `@vodup/target-oss/internal`, outside semver.
 *
 * @module
 */
export type { OssIntegrity, OssTargetOptions } from './options'
export { createOssTarget, OSS_LIMITS, OSS_TARGET_NAME, ossTarget } from './oss-target'
