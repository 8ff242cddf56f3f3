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
}

/** A response of any status: transports resolve for every HTTP status and reject only when no response came. */
export interface HttpResponse {
  status: number
  /** Header names lower-cased. */
  headers: Record<string, string>
  /** The body as text (XML or JSON for the services vodup talks to). */
  body: string
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
}

/** Looks a header up without caring about case. */
export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key]
  return undefined
}
