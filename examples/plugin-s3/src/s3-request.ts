import type { HttpMethod, HttpRequest, HttpResponse, TargetContext } from '@vodup/core'
import aws4 from 'aws4'
import { sha256Hex } from './digests'
import { s3Error } from './s3-errors'
import { isErrorBody } from './s3-xml'

/** How a request reaches the bucket. */
export interface Addressing {
  /** `https://host/bucket/key` (true) or `https://bucket.host/key` (false). */
  pathStyle: boolean
}

/** S3's URI encoding: RFC 3986 unreserved characters stay, `/` stays in keys. */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/')
}

/** The URL of the file's object, with `query` (already encoded, e.g. `uploadId=…&partNumber=2`). */
export function objectUrl(context: TargetContext, addressing: Addressing, query = ''): string {
  const { endpoint, bucket, objectKey } = context.authorization.destination
  const base = new URL(endpoint)
  const key = encodeKey(objectKey)
  const path = addressing.pathStyle ? `/${bucket}/${key}` : `/${key}`
  const host = addressing.pathStyle ? base.host : `${bucket}.${base.host}`
  return `${base.protocol}//${host}${path}${query ? `?${query}` : ''}`
}

/** Signs with AWS Signature Version 4 (aws4), the payload hash in `x-amz-content-sha256`. */
export function signV4(context: TargetContext, request: HttpRequest): HttpRequest {
  const { credentials, destination } = context.authorization
  const url = new URL(request.url)
  const body = request.body ?? ''
  const headers: Record<string, string> = {
    ...request.headers,
    'x-amz-content-sha256': sha256Hex(body),
  }
  const signed = aws4.sign(
    {
      host: url.host,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
      service: 's3',
      region: destination.region ?? 'us-east-1',
    },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.accessKeySecret,
      sessionToken: credentials.securityToken,
    },
  )
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    // The transport sends Host from the URL, the same value that was signed.
    if (name.toLowerCase() !== 'host') out[name] = String(value)
  }
  return { ...request, headers: out }
}

/** Sends one S3 operation: signed, through the kernel, and checked. Throws an `UploadError` for any S3 error. */
export async function sendS3(
  context: TargetContext,
  operation: string,
  request: {
    method: HttpMethod
    url: string
    headers?: Record<string, string>
    body?: Uint8Array | string
  },
  options: {
    partNumber?: number
    onUploadProgress?: (sent: number) => void
    okStatuses?: number[]
  } = {},
): Promise<HttpResponse> {
  const response = await context.send(
    {
      method: request.method,
      url: request.url,
      headers: request.headers ?? {},
      body: request.body,
      onUploadProgress: options.onUploadProgress,
    },
    { operation, service: 's3', partNumber: options.partNumber },
    (prepared) => signV4(context, prepared),
  )
  const ok = (options.okStatuses ?? []).includes(response.status)
  if (!ok && (response.status < 200 || response.status >= 300 || isErrorBody(response.body))) {
    throw s3Error(response, operation, options.partNumber)
  }
  return response
}
