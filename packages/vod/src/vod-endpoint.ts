import { UploadError } from '@vodup/core'
import { normalizeEndpoint } from './upload-address'

/** The region VOD uses when none is given. */
export const DEFAULT_REGION = 'cn-shanghai'

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/

/** Throws `INVALID_ARGUMENT` unless `region` is a region id such as `cn-shanghai`. */
export function checkRegion(region: unknown, field = 'region'): string {
  if (typeof region !== 'string' || !REGION.test(region)) {
    throw new UploadError('INVALID_ARGUMENT', `${field} must be a region id such as cn-shanghai.`, {
      field,
    })
  }
  return region
}

/**
 * The VOD OpenAPI endpoint: `endpoint` when given (with scheme; a bare host gets https, 127.0.0.1 and localhost
 * get http), else `https://vod.<region>.aliyuncs.com`.
 */
export function vodEndpoint(region: string = DEFAULT_REGION, endpoint?: string): string {
  if (endpoint !== undefined) {
    const normalized = typeof endpoint === 'string' ? normalizeEndpoint(endpoint) : undefined
    if (!normalized) {
      throw new UploadError(
        'INVALID_ARGUMENT',
        'endpoint must be an http(s) URL without a path, e.g. http://127.0.0.1:9000.',
        { field: 'endpoint' },
      )
    }
    return normalized
  }
  return `https://vod.${checkRegion(region)}.aliyuncs.com`
}
