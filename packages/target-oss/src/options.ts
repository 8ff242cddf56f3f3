import { UploadError } from '@vodup/core'
import { version } from '../package.json'

/** Options of {@link ossTarget}. */
export interface OssTargetOptions {
  /** Request signature: `v1` (HMAC-SHA1, as the official SDKs) or `v4` (`OSS4-HMAC-SHA256`). Default `v1`. */
  signatureVersion?: 'v1' | 'v4'
  /** Compute CRC-64 while sending and compare it with the server's `x-oss-hash-crc64ecma`. Default true. */
  verifyCrc64?: boolean
  /** Sent as `x-oss-user-agent`. Default `vodup/<version>`. */
  userAgent?: string
  /** Every endpoint is a custom domain bound to its bucket (no bucket in host or path). Default false. */
  cname?: boolean
}

/** Options with defaults applied. */
export interface ResolvedOssTargetOptions {
  signatureVersion: 'v1' | 'v4'
  verifyCrc64: boolean
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
  const { signatureVersion = 'v1', verifyCrc64 = true, userAgent = DEFAULT_USER_AGENT } = options
  const cname = options.cname ?? false
  if (signatureVersion !== 'v1' && signatureVersion !== 'v4') {
    invalid('signatureVersion', '"v1" or "v4"', signatureVersion)
  }
  if (typeof verifyCrc64 !== 'boolean') invalid('verifyCrc64', 'true or false', verifyCrc64)
  if (typeof cname !== 'boolean') invalid('cname', 'true or false', cname)
  if (typeof userAgent !== 'string' || !/^[\x20-\x7e]+$/.test(userAgent)) {
    invalid('userAgent', 'non-empty printable ASCII text', userAgent)
  }
  return { signatureVersion, verifyCrc64, userAgent, cname }
}
