import type { CancelSignal } from './cancel'

/** HTTP methods the kernel and its plugins use. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD'

/** One HTTP request, as a target or auth plugin builds it and a transport sends it. */
export interface HttpRequest {
  method: HttpMethod
  /** Absolute URL, already percent-encoded. */
  url: string
  /** Header names as the protocol needs them; transports must send them unchanged. */
  headers: Record<string, string>
  /** The body: bytes (a part) or text (XML, form). */
  body?: Uint8Array | string
  /** Milliseconds before the request fails with `TIMEOUT`. */
  timeoutMs?: number
  /** Aborts the request; the transport then rejects with the signal's reason. */
  signal?: CancelSignal
  /** Called with the number of body bytes sent so far, where the platform reports it. */
  onUploadProgress?: (sentBytes: number) => void
  /**
   * Response headers the caller must read from a 2xx answer (`ETag`, a checksum). A platform that filters the
   * headers of cross-origin answers (a browser, through CORS) fails such an answer that hides one of them with a
   * `BAD_RESPONSE` naming the headers the server must expose, instead of handing on an answer that looks bare.
   */
  exposeHeaders?: readonly string[]
  /**
   * Most response body bytes the transport reads (of a result or of an error alike); the target sets it per
   * operation. A longer body is cut to its first `maxResponseBytes` bytes (or not read at all, when the length is
   * known from the headers first) and the response is marked `truncated`, so a hostile or broken server's 50 MB
   * body costs nothing. Default {@link DEFAULT_MAX_RESPONSE_BYTES}.
   */
  maxResponseBytes?: number
}

/** The response body limit of a request that sets none: 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024

/** The response body limit of a request: its own, or {@link DEFAULT_MAX_RESPONSE_BYTES}. */
export function responseLimit(request: { maxResponseBytes?: number }): number {
  const limit = request.maxResponseBytes
  return limit !== undefined && Number.isSafeInteger(limit) && limit >= 0
    ? limit
    : DEFAULT_MAX_RESPONSE_BYTES
}

/** A response of any status: transports resolve for every HTTP status and reject only when no response came. */
export interface HttpResponse {
  status: number
  /** Header names lower-cased. */
  headers: Record<string, string>
  /** The body as text (XML or JSON for the services vodup talks to), at most the request's `maxResponseBytes`. */
  body: string
  /**
   * True when the server sent more than the request's `maxResponseBytes`: `body` then holds a prefix of it (maybe
   * empty) and must not be taken for the whole answer.
   */
  truncated?: boolean
}

/**
 * Applies a request's response limit to a body already read as text (platforms that hand the whole body over,
 * such as `wx.request`): a longer text is cut and the response marked `truncated`. Counts UTF-16 code units,
 * which never exceed the UTF-8 bytes they came from, so the cut keeps at least what the limit allows.
 */
export function limitResponseBody(
  response: HttpResponse,
  request: { maxResponseBytes?: number },
): HttpResponse {
  const limit = responseLimit(request)
  if (response.body.length <= limit) return response
  return { ...response, body: response.body.slice(0, limit), truncated: true }
}

/** A multipart/form-data POST of a file that the platform streams itself (`wx.uploadFile`, OSS PostObject). */
export interface FormUploadRequest {
  url: string
  /** Form fields sent before the file, in insertion order. */
  fields: Record<string, string>
  /** The file as the app gave it to `addFile`. */
  file: unknown
  /** Name of the file field, `file` for OSS. */
  fileField: string
  headers?: Record<string, string>
  timeoutMs?: number
  signal?: CancelSignal
  onUploadProgress?: (sentBytes: number, totalBytes: number) => void
  /** As {@link HttpRequest.maxResponseBytes}. */
  maxResponseBytes?: number
}

/** Looks a header up without caring about case. */
export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key]
  return undefined
}
