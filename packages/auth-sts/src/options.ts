import { UploadError } from '@vodup/core'
import { checkRegion, type StsToken, vodEndpoint } from '@vodup/vod'

/**
 * Options of `sts()`. With `getSTSToken` the plugin asks the app's function ("modern" mode); without it, the app
 * answers from callbacks through the plugin's `supplyToken` ("app answers" mode).
 */
export interface StsOptions {
  /** STS credentials for the VOD calls; called when first needed, before they expire and when VOD refuses them. */
  getSTSToken?: () => Promise<StsToken>
  /** The VOD region: the endpoint is `https://vod.<region>.aliyuncs.com`. Default `cn-shanghai`. */
  region?: string
  /** Another VOD endpoint with scheme (an emulator, a proxy), e.g. `http://127.0.0.1:9000`. */
  endpoint?: string
}

/** Checks the options; throws `INVALID_ARGUMENT` naming the bad one. */
export function validateStsOptions(options: unknown): asserts options is StsOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new UploadError('INVALID_ARGUMENT', 'sts() options must be an object.', {
      field: 'options',
    })
  }
  const { getSTSToken, region, endpoint } = options as StsOptions
  if (getSTSToken !== undefined && typeof getSTSToken !== 'function') {
    throw new UploadError('INVALID_ARGUMENT', 'sts() option "getSTSToken" must be a function.', {
      field: 'getSTSToken',
    })
  }
  if (region !== undefined) checkRegion(region)
  if (endpoint !== undefined) vodEndpoint(region, endpoint)
}
