import { createHash } from 'node:crypto'
import { v1Signature, v1StringToSign } from '../../src/oss/signature-v1.js'
import { httpRequest, type RawResponse } from './http.js'

/** Keys to sign with: an account pair, or temporary keys with their token. */
export interface SigningKeys {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

/** A V1-signed, path-style OSS request, the way ali-oss signs (x-oss-date in the Date slot). */
export function ossRequest(
  baseUrl: string,
  keys: SigningKeys,
  request: {
    method: string
    bucket: string
    key?: string
    query?: [string, string][]
    headers?: Record<string, string>
    body?: string | Buffer
    date?: Date
    contentMd5?: boolean
  },
): Promise<RawResponse> {
  const query = request.query ?? []
  const headers: Record<string, string> = {
    'x-oss-date': (request.date ?? new Date()).toUTCString(),
    ...(keys.securityToken ? { 'x-oss-security-token': keys.securityToken } : {}),
    ...request.headers,
  }
  if (request.body !== undefined && request.contentMd5) {
    headers['Content-MD5'] = createHash('md5').update(request.body).digest('base64')
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  const stringToSign = v1StringToSign({
    method: request.method,
    ...(lower['content-md5'] ? { contentMd5: lower['content-md5'] } : {}),
    ...(lower['content-type'] ? { contentType: lower['content-type'] } : {}),
    date: lower['x-oss-date']!,
    headers: lower,
    bucket: request.bucket,
    ...(request.key ? { key: request.key } : {}),
    query,
  })
  headers.Authorization = `OSS ${keys.accessKeyId}:${v1Signature(keys.accessKeySecret, stringToSign)}`
  const search = query.length
    ? `?${query.map(([k, v]) => (v === '' ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&')}`
    : ''
  const path = `/${request.bucket}/${(request.key ?? '').split('/').map(encodeURIComponent).join('/')}`
  return httpRequest(`${baseUrl}${path}${search}`, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  })
}

/** The raw multipart requests on `bucket`, signed with `keys`, as ali-oss sends them. */
export function multipartRequests(baseUrl: string, keys: SigningKeys, bucket: string) {
  return {
    initiate: (key: string) =>
      ossRequest(baseUrl, keys, { method: 'POST', bucket, key, query: [['uploads', '']] }),
    uploadPart: (key: string, uploadId: string, n: number, body: Buffer) =>
      ossRequest(baseUrl, keys, {
        method: 'PUT',
        bucket,
        key,
        query: [
          ['partNumber', String(n)],
          ['uploadId', uploadId],
        ],
        body,
      }),
    complete: (key: string, uploadId: string, parts: [number, string][]) =>
      ossRequest(baseUrl, keys, {
        method: 'POST',
        bucket,
        key,
        query: [['uploadId', uploadId]],
        headers: { 'Content-Type': 'application/xml' },
        contentMd5: true,
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n${parts
          .map(
            ([n, etag]) => `<Part>\n<PartNumber>${n}</PartNumber>\n<ETag>${etag}</ETag>\n</Part>\n`,
          )
          .join('')}</CompleteMultipartUpload>`,
      }),
  }
}
