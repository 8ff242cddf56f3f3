import RPCClient from '@alicloud/pop-core'
import OSS from 'ali-oss'
import type { Emulator } from '../../src/index.js'
import type { SigningKeys } from './oss-request.js'

/** An ali-oss client on the emulator (path style, since the endpoint is an IP). */
export function ossClient(
  emulator: Emulator,
  bucket: string,
  keys?: SigningKeys,
  extra: Partial<OSS.Options> = {},
): OSS {
  const k = keys ?? emulator
  return new OSS({
    endpoint: emulator.url,
    region: `oss-${emulator.region}`,
    bucket,
    accessKeyId: k.accessKeyId,
    accessKeySecret: k.accessKeySecret,
    ...(keys?.securityToken
      ? {
          stsToken: keys.securityToken,
          // Never due in a test; present so ali-oss does not warn about a missing refresher.
          refreshSTSToken: async () => ({ ...k, stsToken: keys.securityToken! }),
          refreshSTSTokenInterval: 24 * 3600 * 1000,
        }
      : {}),
    timeout: 10_000,
    ...extra,
  })
}

/** A pop-core client for the VOD (2017-03-21) or STS (2015-04-01) OpenAPI on the emulator. */
export function popClient(
  emulator: Emulator,
  service: 'vod' | 'sts',
  keys?: SigningKeys,
): RPCClient {
  const k = keys ?? emulator
  return new RPCClient({
    endpoint: emulator.url,
    apiVersion: service === 'vod' ? '2017-03-21' : '2015-04-01',
    accessKeyId: k.accessKeyId,
    accessKeySecret: k.accessKeySecret,
    ...(keys?.securityToken ? { securityToken: keys.securityToken } : {}),
  } as RPCClient.Config)
}

/** Decodes a base64 JSON field (UploadAuth, UploadAddress). */
export function decodeBase64Json<T>(value: string): T {
  return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as T
}

/** The fields of a decoded UploadAuth. */
export interface UploadAuth {
  SecurityToken: string
  AccessKeyId: string
  ExpireUTCTime: string
  AccessKeySecret: string
  Expiration: string
  Region: string
}

/** The fields of a decoded UploadAddress. */
export interface UploadAddress {
  Endpoint: string
  Bucket: string
  FileName: string
}

/** UploadAuth as signing keys. */
export function uploadAuthKeys(auth: UploadAuth): SigningKeys {
  return {
    accessKeyId: auth.AccessKeyId,
    accessKeySecret: auth.AccessKeySecret,
    securityToken: auth.SecurityToken,
  }
}
