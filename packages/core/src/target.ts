import type { Authorization } from './authorization'
import type { CancelSignal } from './cancel'
import type { PartRecord } from './checkpoint'
import type { FileTask } from './file-task'
import type { FormUploadRequest, HttpRequest, HttpResponse } from './http'
import type { Digests } from './transport'

/**
 * A cloud protocol: where bytes go. `@vodup/target-oss` implements it for Alibaba Cloud OSS; a plugin provides
 * one with `kernel.provideTarget(target)`. Methods throw `UploadError`s; the kernel routes `TOKEN_EXPIRED` to
 * credential refresh, `NO_SUCH_UPLOAD` to a fresh upload and retryable errors to the retry policy.
 */
export interface Target {
  readonly name: string
  readonly limits: TargetLimits
  /** The response header that carries the service's request id (`x-oss-request-id` for OSS), for the `response` hook. */
  readonly requestIdHeader?: string
  /** Uploads a small file in one request. */
  putObject(
    context: TargetContext,
    body: Uint8Array,
    onProgress?: (sentBytes: number) => void,
  ): Promise<CompletedObject>
  /** Uploads a small file through the transport's form upload (`wx.uploadFile`), when both support it. */
  formUpload?(
    context: TargetContext,
    input: unknown,
    onProgress?: (sentBytes: number) => void,
  ): Promise<CompletedObject>
  /** Starts a multipart upload and returns its id. */
  initiateUpload(context: TargetContext): Promise<string>
  /** Sends one part; resolves with what the server acknowledged. Must verify the ETag against the bytes sent. */
  uploadPart(context: TargetContext, part: PartUpload): Promise<PartRecord>
  /** The parts the server holds for an upload (sizes and ETags). */
  listParts(context: TargetContext, uploadId: string): Promise<PartRecord[]>
  /** Completes the upload from the acknowledged parts (ascending) and verifies the object where it can. */
  completeUpload(
    context: TargetContext,
    uploadId: string,
    parts: PartRecord[],
  ): Promise<CompletedObject>
  /** Discards a multipart upload and its parts on the server. */
  abortUpload(context: TargetContext, uploadId: string): Promise<void>
  /**
   * What the server would acknowledge for these bytes (ETag, CRC64), without sending them. Lets the kernel adopt
   * a part that the server holds but the checkpoint missed, after checking it against the local file.
   */
  describePart?(
    context: TargetContext,
    body: Uint8Array,
  ): Promise<Pick<PartRecord, 'etag' | 'crc64'>>
}

/** The target's rules for part sizes. */
export interface TargetLimits {
  minPartSize: number
  maxPartSize: number
  maxParts: number
  maxObjectSize: number
}

/** One part to send. */
export interface PartUpload {
  uploadId: string
  partNumber: number
  body: Uint8Array
  /** Byte-level progress of this part, where the transport reports it. */
  onProgress?: (sentBytes: number) => void
}

/** What completing an object returned. */
export interface CompletedObject {
  etag?: string
  /** Unsigned decimal CRC-64/ECMA of the object, as the server reported it. */
  crc64?: string
  /** The object's URL. */
  location?: string
}

/** Describes a request for hooks and logs. Never holds a secret. */
export interface RequestInfo {
  /** Protocol operation, e.g. `UploadPart`, `CreateUploadVideo`. */
  operation: string
  /** The service, e.g. `oss`, `vod`, `sts`. */
  service: string
  fileId?: string
  partNumber?: number
  /**
   * The response header carrying the request id, when the request goes to another service than the target's
   * (`x-acs-request-id` for VOD OpenAPI calls). Default: the target's `requestIdHeader`.
   */
  requestIdHeader?: string
}

/** Signs a prepared request (adds the Authorization header or signature parameters). */
export type RequestSigner = (request: HttpRequest) => HttpRequest | Promise<HttpRequest>

/** Everything a target needs for one operation on one file. */
export interface TargetContext {
  readonly file: FileTask
  /** Credentials and destination. The credentials are for signing only. */
  readonly authorization: Authorization
  /** Runs the `request` hook, signs with `sign`, sends through the transport and runs the `response` hook. */
  send(request: HttpRequest, info: RequestInfo, sign?: RequestSigner): Promise<HttpResponse>
  /** Form upload through the transport; rejects with `PLUGIN_MISSING` if the transport has none. */
  uploadForm(request: FormUploadRequest, info: RequestInfo): Promise<HttpResponse>
  readonly signal: CancelSignal
  readonly timeoutMs: number
  /** Native digests from the transport, if any. */
  readonly digests: Digests
}
