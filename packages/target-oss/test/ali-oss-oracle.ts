import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const OSS = require('ali-oss') as new (options: Record<string, unknown>) => object
const { createRequest } = require('ali-oss/lib/common/utils/createRequest') as {
  createRequest(
    this: object,
    params: Record<string, unknown>,
  ): {
    url: string
    params: { headers: Record<string, string> }
  }
}

/** One request as the official SDK would build it. */
export interface OracleInput {
  method: string
  bucket: string
  objectKey: string
  /** Sub-resources (`uploads`, `partNumber`...): `null` for a bare name. */
  subres?: Record<string, string | null>
  /** Other query parameters (V4 signs them too). */
  query?: Record<string, string>
  headers?: Record<string, string>
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
  signatureVersion: 'v1' | 'v4'
  /** `cn-hangzhou` style; ali-oss also accepts `oss-cn-hangzhou`. */
  region?: string
  additionalHeaders?: string[]
  /** Request body: ali-oss then adds Content-MD5 and Content-Length itself. */
  content?: string
}

/** The headers (with `authorization`) and URL ali-oss 6.23 sends for `input`. */
export function aliOssRequest(input: OracleInput): {
  url: string
  headers: Record<string, string>
} {
  const client = new OSS({
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
    ...(input.securityToken
      ? { stsToken: input.securityToken, refreshSTSTokenInterval: 3_600_000 }
      : {}),
    bucket: input.bucket,
    region: `oss-${input.region ?? 'cn-hangzhou'}`,
    authorizationV4: input.signatureVersion === 'v4',
  })
  const { url, params } = createRequest.call(client, {
    method: input.method,
    bucket: input.bucket,
    object: input.objectKey,
    ...(input.subres ? { subres: { ...input.subres } } : {}),
    ...(input.query ? { query: { ...input.query } } : {}),
    headers: { ...input.headers },
    ...(input.additionalHeaders ? { additionalHeaders: input.additionalHeaders } : {}),
    ...(input.content !== undefined ? { content: Buffer.from(input.content) } : {}),
  })
  return { url, headers: { ...params.headers } }
}
