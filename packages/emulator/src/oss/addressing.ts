import { isIP } from 'node:net'

/** The bucket and key a request addresses, and how. */
export interface OssAddress {
  bucket?: string
  key?: string
  style: 'path' | 'virtual-hosted'
  /** Host name without port, lower case. */
  hostname: string
}

const OSS_SERVICE_HOST = /^oss(-[a-z0-9-]+)?(\.[a-z0-9-]+)*\.aliyuncs\.com$/

/** Host name of a Host header, without port or IPv6 brackets. */
export function hostnameOf(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase()
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'))
  const colon = host.lastIndexOf(':')
  return colon >= 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host
}

/**
 * Works out bucket and key. IP hosts, `localhost`, single-label names and OSS service names use
 * path style (`/bucket/key`); any other name is virtual-hosted (`bucket.<anything>` with `/key`).
 */
export function resolveOssAddress(hostHeader: string | undefined, rawPath: string): OssAddress {
  const hostname = hostnameOf(hostHeader)
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath
  const pathStyle =
    hostname === '' ||
    isIP(hostname) !== 0 ||
    hostname === 'localhost' ||
    !hostname.includes('.') ||
    OSS_SERVICE_HOST.test(hostname)
  if (pathStyle) {
    const slash = path.indexOf('/')
    const bucket = decode(slash < 0 ? path : path.slice(0, slash))
    const key = slash < 0 ? '' : decode(path.slice(slash + 1))
    return { style: 'path', hostname, ...(bucket ? { bucket } : {}), ...(key ? { key } : {}) }
  }
  const bucket = hostname.slice(0, hostname.indexOf('.'))
  const key = decode(path)
  return { style: 'virtual-hosted', hostname, bucket, ...(key ? { key } : {}) }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** OSS bucket naming: 3–63 characters of lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
export function isValidBucketName(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)
}
