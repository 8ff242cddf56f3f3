import { UploadError } from '@vodup/core'
import { version } from '../package.json'

/** Options of {@link ossTarget}. */
export interface OssTargetOptions {
  /** Request signature: `v1` (HMAC-SHA1, as the official SDKs) or `v4` (`OSS4-HMAC-SHA256`). Default `v1`. */
  signatureVersion?: 'v1' | 'v4'
  /**
   * The proof each part and the object must carry, else they are not taken as uploaded:
   * - `'crc64'` (default): the CRC-64/ECMA of each part, computed once while it is sent, against its
   *   `x-oss-hash-crc64ecma`, and the parts' combined CRC-64 against the object's. What OSS gives; no MD5 is
   *   computed on the way.
   * - `'md5'`: for OSS-compatible servers without CRC-64: each part's ETag against the MD5 of its bytes, the
   *   object's ETag against the MD5 of the parts' MD5s (`-<count>`), a PutObject's ETag against its MD5.
   * - `'both'`: all of the above.
   *
   * Never a silent fallback: a server that leaves out the chosen proof fails the part or the file (`BAD_RESPONSE`).
   */
  integrity?: OssIntegrity
  /**
   * Also send `Content-MD5` with each part and PutObject, so the server refuses a body damaged on the way before
   * storing it (costs an MD5 of every byte, before it is sent). Default false.
   */
  contentMd5?: boolean
  /** Sent as `x-oss-user-agent`. Default `vodup/<version>`. */
  userAgent?: string
  /** Every endpoint is a custom domain bound to its bucket (no bucket in host or path). Default false. */
  cname?: boolean
}

/** Which proof of integrity the target requires: see {@link OssTargetOptions.integrity}. */
export type OssIntegrity = 'crc64' | 'md5' | 'both'

/** Options with defaults applied. */
export interface ResolvedOssTargetOptions {
  signatureVersion: 'v1' | 'v4'
  integrity: OssIntegrity
  contentMd5: boolean
  userAgent: string
  cname: boolean
}

/** The default `x-oss-user-agent`. */
export const DEFAULT_USER_AGENT = `vodup/${version}`

function invalid(field: string, expectation: string, value: unknown): never {
  throw new UploadError(
    'INVALID_ARGUMENT',
    `ossTarget option "${field}" must be ${expectation}; got ${JSON.stringify(value)}.`,
    { field },
  )
}

/** Checks the options and applies defaults; throws `INVALID_ARGUMENT` naming the bad option. */
export function resolveOssTargetOptions(options: OssTargetOptions = {}): ResolvedOssTargetOptions {
  if (typeof options !== 'object' || options === null) invalid('options', 'an object', options)
  const { signatureVersion = 'v1', integrity = 'crc64', userAgent = DEFAULT_USER_AGENT } = options
  const cname = options.cname ?? false
  const contentMd5 = options.contentMd5 ?? false
  if ('verifyCrc64' in options) {
    invalid(
      'verifyCrc64',
      'left out: it became "integrity" ("crc64", "md5" or "both")',
      (options as { verifyCrc64?: unknown }).verifyCrc64,
    )
  }
  if (signatureVersion !== 'v1' && signatureVersion !== 'v4') {
    invalid('signatureVersion', '"v1" or "v4"', signatureVersion)
  }
  if (integrity !== 'crc64' && integrity !== 'md5' && integrity !== 'both') {
    invalid('integrity', '"crc64", "md5" or "both"', integrity)
  }
  if (typeof contentMd5 !== 'boolean') invalid('contentMd5', 'true or false', contentMd5)
  if (typeof cname !== 'boolean') invalid('cname', 'true or false', cname)
  if (typeof userAgent !== 'string' || !/^[\x20-\x7e]+$/.test(userAgent)) {
    invalid('userAgent', 'non-empty printable ASCII text', userAgent)
  }
  return { signatureVersion, integrity, contentMd5, userAgent, cname }
}
