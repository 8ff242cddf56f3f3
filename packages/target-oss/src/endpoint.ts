import { type Destination, UploadError } from '@vodup/core'
import { encodeObjectKey } from './object-key'

/** An endpoint split into scheme and host (with port), without the URL global WeChat lacks. */
export interface EndpointParts {
  scheme: 'http' | 'https'
  /** Host and port as written, e.g. `oss-cn-shanghai.aliyuncs.com` or `127.0.0.1:9000`. */
  host: string
  /** Host name only, lower case, without port or IPv6 brackets. */
  hostname: string
}

/** Splits `https://host[:port][/...]`; throws `INVALID_ARGUMENT` for anything else. */
export function parseEndpoint(endpoint: string): EndpointParts {
  const match = /^(https?):\/\/([^/?#@\s]+)(?:[/?#].*)?$/i.exec(endpoint.trim())
  if (!match) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `The endpoint must be an http(s) URL such as https://oss-cn-shanghai.aliyuncs.com; got ${JSON.stringify(endpoint)}.`,
      { field: 'destination.endpoint' },
    )
  }
  const host = match[2]
  const lower = host.toLowerCase()
  const hostname = lower.startsWith('[')
    ? lower.slice(1, lower.indexOf(']'))
    : lower.replace(/:\d*$/, '')
  return { scheme: match[1].toLowerCase() as 'http' | 'https', host, hostname }
}

/** True for IPv4 and IPv6 literals and `localhost`: hosts that cannot carry a bucket sub-domain. */
export function isPathStyleHost(hostname: string): boolean {
  if (hostname === 'localhost') return true
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(hostname)) return true
  return hostname.includes(':')
}

/** Query parameters in order; `null` writes the name alone (`?uploads`). */
export type QueryParameters = ReadonlyArray<readonly [string, string | null]>

function queryString(query: QueryParameters): string {
  if (query.length === 0) return ''
  const pairs = query.map(([name, value]) =>
    value === null
      ? encodeURIComponent(name)
      : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  )
  return `?${pairs.join('&')}`
}

/**
 * The URL of an object (or of the bucket when `objectKey` is empty): path style (`/bucket/key`) on IP hosts,
 * no bucket with a custom domain (`cname`), virtual-hosted (`bucket.host/key`) otherwise.
 */
export function objectUrl(
  destination: Pick<Destination, 'endpoint' | 'bucket' | 'cname'>,
  objectKey: string,
  query: QueryParameters = [],
  cname = false,
): string {
  const { scheme, host, hostname } = parseEndpoint(destination.endpoint)
  const path = encodeObjectKey(objectKey)
  if (cname || destination.cname) return `${scheme}://${host}/${path}${queryString(query)}`
  if (isPathStyleHost(hostname)) {
    return `${scheme}://${host}/${destination.bucket}/${path}${queryString(query)}`
  }
  return `${scheme}://${destination.bucket}.${host}/${path}${queryString(query)}`
}

/**
 * The region V4 signing needs: `destination.region`, else the `oss-<region>` part of an Alibaba Cloud endpoint
 * host (`oss-cn-shanghai.aliyuncs.com`, `oss-cn-shanghai-internal.aliyuncs.com`). Throws `INVALID_ARGUMENT` when
 * neither gives one.
 */
export function signingRegion(destination: Pick<Destination, 'endpoint' | 'region'>): string {
  if (destination.region) return destination.region.replace(/^oss-/, '')
  const { hostname } = parseEndpoint(destination.endpoint)
  const match = /(?:^|\.)oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(hostname)
  if (match) return match[1]
  throw new UploadError(
    'INVALID_ARGUMENT',
    `V4 signing needs a region: the endpoint ${destination.endpoint} does not name one, so the authorization must set destination.region.`,
    { field: 'destination.region' },
  )
}
