/** base64 of JSON, as VOD hands out UploadAuth and UploadAddress. */
export function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64')
}

let issued = 0

/** An UploadAuth like CreateUploadVideo's, with a new token each time (`token-1`, `token-2`...). */
export function fakeUploadAuth(region = 'cn-shanghai'): string {
  issued++
  return base64Json({
    AccessKeyId: 'STS.fake',
    AccessKeySecret: `secret-${issued}`,
    SecurityToken: `token-${issued}`,
    Expiration: '3000',
    Region: region,
  })
}

/** An UploadAddress like CreateUploadVideo's. */
export function fakeUploadAddress(fileName: string): string {
  return base64Json({
    Endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
    Bucket: 'outin-fake',
    FileName: fileName,
  })
}
