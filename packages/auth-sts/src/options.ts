import {
  assertSecureEndpoint,
  checkRegion,
  invalidOption,
  type StsToken,
  vodEndpoint,
} from '@vodup/vod'

/** Options of `sts()`. */
export interface StsOptions {
  /** STS credentials for the VOD calls; called when first needed, before they expire and when VOD refuses them. */
  getSTSToken: () => Promise<StsToken>
  /** The VOD region: the endpoint is `https://vod.<region>.aliyuncs.com`. Default `cn-shanghai`. */
  region?: string
  /** Another VOD endpoint with scheme (an emulator, a proxy), e.g. `http://127.0.0.1:9000`. */
  endpoint?: string
  /**
   * Accept plain `http://` to hosts that are not loopback, for `endpoint` and for the UploadAddress VOD answers with
   * (the STS token and the security token VOD issues then cross the network in clear). Default false: such an
   * `endpoint` throws `INVALID_ARGUMENT`, such an answer fails the file with `AUTH_INVALID`. `http://` to
   * 127.0.0.0/8, `[::1]` and `localhost` (a local emulator) is always accepted.
   */
  allowPlainHttp?: boolean
}

/** Checks the options; returns the VOD endpoint. Throws `INVALID_ARGUMENT` naming the bad option. */
export function validateStsOptions(options: unknown): string {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOption('sts()', 'options', 'must be an object with getSTSToken.')
  }
  const { getSTSToken, region, endpoint, allowPlainHttp } = options as StsOptions
  if (typeof getSTSToken !== 'function') {
    throw invalidOption('sts()', 'getSTSToken', 'must be a function.')
  }
  if (allowPlainHttp !== undefined && typeof allowPlainHttp !== 'boolean') {
    throw invalidOption('sts()', 'allowPlainHttp', 'must be true or false.')
  }
  if (region !== undefined) checkRegion(region)
  const url = vodEndpoint(region, endpoint)
  assertSecureEndpoint(url, { field: 'endpoint', code: 'INVALID_ARGUMENT', allowPlainHttp })
  return url
}
