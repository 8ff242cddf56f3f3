import {
  createCancelController,
  type Digests,
  type FileMeta,
  type FileTask,
  type HttpRequest,
  type HttpResponse,
  limitResponseBody,
  type RequestSigner,
  type TargetContext,
} from '@vodup/core'

/** A canned answer: status, headers and body. */
export function answer(
  status: number,
  headers: Record<string, string> = {},
  body = '',
): HttpResponse {
  return { status, headers, body }
}

/** An OSS error answer. */
export function ossError(
  status: number,
  code: string,
  message = 'message',
  extra = '',
): HttpResponse {
  return answer(
    status,
    { 'x-oss-request-id': 'REQ-HEADER' },
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>REQ-1</RequestId>${extra}</Error>`,
  )
}

/** What {@link fakeContext} records. */
export interface FakeContext {
  context: TargetContext
  /** Requests as the request hook saw them (before signing). */
  prepared: HttpRequest[]
  /** Requests as sent (signed). */
  sent: HttpRequest[]
}

/**
 * A target context whose `send` signs and answers from `respond` instead of a network, for unit tests of the
 * target's protocol logic.
 */
export function fakeContext(
  respond: (request: HttpRequest, index: number) => HttpResponse,
  options: {
    securityToken?: string
    meta?: FileMeta
    objectKey?: string
    endpoint?: string
    region?: string
    digests?: Digests
    size?: number
  } = {},
): FakeContext {
  const prepared: HttpRequest[] = []
  const sent: HttpRequest[] = []
  const file = {
    id: 'f1',
    name: 'movie.mp4',
    meta: options.meta ?? {},
    size: options.size,
  } as unknown as FileTask
  const context: TargetContext = {
    file,
    authorization: {
      credentials: {
        accessKeyId: 'STS.key',
        accessKeySecret: 'the-secret',
        ...(options.securityToken ? { securityToken: options.securityToken } : {}),
      },
      destination: {
        endpoint: options.endpoint ?? 'https://oss-cn-shanghai.aliyuncs.com',
        bucket: 'bucket',
        objectKey: options.objectKey ?? 'videos/movie.mp4',
        ...(options.region ? { region: options.region } : {}),
      },
    },
    signal: createCancelController().signal,
    timeoutMs: 1000,
    digests: options.digests ?? {},
    async send(request: HttpRequest, _info, sign?: RequestSigner) {
      prepared.push(request)
      const signed = sign ? await sign(request) : request
      sent.push(signed)
      // As every transport does: the answer is cut to the request's limit.
      return limitResponseBody(respond(signed, sent.length - 1), signed)
    },
    async uploadForm() {
      throw new Error('no form upload in the fake context')
    },
  }
  return { context, prepared, sent }
}
