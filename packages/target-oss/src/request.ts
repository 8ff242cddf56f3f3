import {
  getHeader,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type RequestSigner,
  secretValuesOf,
  type TargetContext,
} from '@vodup/core'
import { isErrorBody, ossErrorBodyOf, ossResponseError } from './classify'
import { httpDate, isoBasicDate, type ServerClock } from './clock'
import { objectUrl, type QueryParameters, signingRegion } from './endpoint'
import { assertObjectKey } from './object-key'
import type { ResolvedOssTargetOptions } from './options'
import type { OssSigningRequest } from './signing/signing-request'
import { ossV1Authorization } from './signing/v1'
import { ossV4Authorization } from './signing/v4'

/** What one target instance shares between its requests. */
export interface OssRuntime {
  readonly options: ResolvedOssTargetOptions
  readonly clock: ServerClock
}

/** One OSS request on the context's object. */
export interface OssCall {
  /** Protocol operation, e.g. `UploadPart`. */
  operation: string
  method: HttpMethod
  /** Query parameters in URL order; all are signed (V1 keeps the sub-resources among them). */
  query?: QueryParameters
  headers?: Record<string, string>
  body?: Uint8Array | string
  partNumber?: number
  onUploadProgress?: (sentBytes: number) => void
  /** Most answer bytes read; default {@link OSS_ANSWER_LIMIT}. */
  maxResponseBytes?: number
}

/**
 * Most bytes of an OSS answer read by default: results other than ListParts and error bodies are well under
 * 2 KiB, so a longer answer is hostile or broken and is not read further.
 */
export const OSS_ANSWER_LIMIT = 64 * 1024

/** The request's secret-bearing values (its signature, token), recorded as it is signed so no error quotes them. */
class SignatureRecord {
  readonly values = new Set<string>()

  add(signed: Pick<HttpRequest, 'headers' | 'url'>): void {
    for (const value of secretValuesOf(signed)) this.values.add(value)
  }
}

/** Operations whose answer proves what was stored: a page must be able to read their ETag and CRC-64. */
const ACKNOWLEDGING = new Set(['UploadPart', 'PutObject', 'CompleteMultipartUpload', 'HeadObject'])

/**
 * The response headers a browser page must be allowed to read (the bucket's CORS ExposeHeader) for an operation
 * that acknowledges bytes; undefined for the others.
 */
function exposeHeadersOf(operation: string, runtime: OssRuntime): string[] | undefined {
  if (!ACKNOWLEDGING.has(operation)) return undefined
  const names = ['ETag', 'x-oss-request-id']
  return runtime.options.integrity !== 'md5' ? [...names, 'x-oss-hash-crc64ecma'] : names
}

/** Headers the signer sets itself; a request hook's value for them is replaced. */
const SIGNER_HEADERS = new Set([
  'authorization',
  'date',
  'x-oss-date',
  'x-oss-content-sha256',
  'x-oss-security-token',
])

function signerFor(
  context: TargetContext,
  runtime: OssRuntime,
  call: OssCall,
  record: SignatureRecord,
): RequestSigner {
  const { credentials, destination } = context.authorization
  const v4 = runtime.options.signatureVersion === 'v4'
  const region = v4 ? signingRegion(destination) : ''
  const query: Record<string, string | null> = {}
  for (const [name, value] of call.query ?? []) query[name] = value
  return (prepared: HttpRequest): HttpRequest => {
    const now = runtime.clock.now()
    const headers: Record<string, string> = {}
    for (const name of Object.keys(prepared.headers)) {
      if (!SIGNER_HEADERS.has(name.toLowerCase())) headers[name] = prepared.headers[name]
    }
    headers['x-oss-date'] = v4 ? isoBasicDate(now) : httpDate(now)
    if (v4) headers['x-oss-content-sha256'] = 'UNSIGNED-PAYLOAD'
    if (credentials.securityToken) headers['x-oss-security-token'] = credentials.securityToken
    const signing: OssSigningRequest = {
      method: prepared.method,
      bucket: destination.bucket,
      objectKey: destination.objectKey,
      query,
      headers,
    }
    const hmac = context.digests.hmac
    headers.Authorization = v4
      ? ossV4Authorization(signing, credentials, { region, hmac })
      : ossV1Authorization(signing, credentials, hmac)
    record.add({ headers, url: prepared.url })
    return { ...prepared, headers }
  }
}

/**
 * Sends one signed OSS request through the kernel (`request` hook, transport, `response` hook) and resolves with a
 * 2xx response; any other status, and a 2xx whose body is an OSS `<Error>`, becomes a classified `UploadError`
 * that quotes none of the request's signature, secret or token. The answer is read up to `maxResponseBytes`. A
 * `RequestTimeTooSkewed` answer sets the target's clock offset from the server's time and re-sends once at once.
 */
export async function callOss(
  context: TargetContext,
  runtime: OssRuntime,
  call: OssCall,
): Promise<HttpResponse> {
  const { credentials, destination } = context.authorization
  assertObjectKey(destination.objectKey)
  const signatures = new SignatureRecord()
  const sign = signerFor(context, runtime, call, signatures)
  const request: HttpRequest = {
    method: call.method,
    url: objectUrl(destination, destination.objectKey, call.query, runtime.options.cname),
    headers: { 'x-oss-user-agent': runtime.options.userAgent, ...call.headers },
    maxResponseBytes: call.maxResponseBytes ?? OSS_ANSWER_LIMIT,
    ...(call.body !== undefined ? { body: call.body } : {}),
    ...(call.onUploadProgress ? { onUploadProgress: call.onUploadProgress } : {}),
  }
  const exposeHeaders = exposeHeadersOf(call.operation, runtime)
  if (exposeHeaders) request.exposeHeaders = exposeHeaders
  const info = {
    operation: call.operation,
    service: 'oss',
    ...(call.partNumber !== undefined ? { partNumber: call.partNumber } : {}),
  }
  let clockCorrected = false
  for (;;) {
    const response = await context.send(request, info, sign)
    const success = response.status >= 200 && response.status < 300
    if (success && !isErrorBody(response)) return response
    const error = ossResponseError(response, {
      operation: call.operation,
      partNumber: call.partNumber,
      withToken: Boolean(credentials.securityToken),
      secrets: [credentials.accessKeySecret, credentials.securityToken ?? '', ...signatures.values],
    })
    if (error.code === 'CLOCK_SKEWED' && !clockCorrected) {
      const serverTime = getHeader(response.headers, 'date') ?? ossErrorBodyOf(response)?.serverTime
      if (runtime.clock.adopt(serverTime)) {
        clockCorrected = true
        continue
      }
    }
    throw error
  }
}
