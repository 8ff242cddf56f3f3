import { base64Encode, utf8Encode } from '@vodup/core'

/** base64 of the UTF-8 JSON of `value`, as VOD encodes UploadAuth and UploadAddress. */
export function encodeJson(value: unknown): string {
  return base64Encode(utf8Encode(JSON.stringify(value)))
}

/** The fields of a valid UploadAuth; `ExpireUTCTime` one hour after `now`. */
export function authFields(now = Date.now(), token = 'token-1'): Record<string, unknown> {
  return {
    SecurityToken: `CAIS${token}securitytoken`,
    AccessKeyId: 'STS.NUvodupTestKeyId',
    ExpireUTCTime: new Date(now + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    AccessKeySecret: `secret-of-${token}`,
    Expiration: '3600',
    Region: 'cn-shanghai',
  }
}

/** The fields of a valid UploadAddress. */
export function addressFields(key = 'sv/abc/abc.mp4'): Record<string, unknown> {
  return { Endpoint: 'https://oss-cn-shanghai.aliyuncs.com', Bucket: 'outin-test', FileName: key }
}

/** A valid UploadAuth string. */
export function uploadAuthFor(token = 'token-1', now = Date.now()): string {
  return encodeJson(authFields(now, token))
}

/** A valid UploadAddress string. */
export function uploadAddressFor(key = 'sv/abc/abc.mp4', endpoint?: string): string {
  return encodeJson({ ...addressFields(key), ...(endpoint ? { Endpoint: endpoint } : {}) })
}
