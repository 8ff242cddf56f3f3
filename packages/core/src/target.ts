import type { Authorization } from './authorization'
import type { CancelSignal } from './cancel'
import type { PartRecord } from './checkpoint'
import type { FileTask } from './file-task'
import type { FormUploadRequest, HttpRequest, HttpResponse } from './http'
import type { Digests, FileSource } from './transport'

/**
 * A cloud protocol: where bytes go. `@vodup/target-oss` implements it for Alibaba Cloud OSS; a plugin provides
 * one with `kernel.provideTarget(target)`. Methods throw `UploadError`s; the kernel routes `TOKEN_EXPIRED` to
 * credential refresh, `NO_SUCH_UPLOAD` to a fresh upload and retryable errors to the retry policy.
 *
 * Integrity fails closed. A part is acknowledged only with the server's proof that it holds these bytes (a part
 * whose proof differs is a retryable `INTEGRITY_MISMATCH`, one without a proof a `BAD_RESPONSE`). An object is
 * done only with the server's proof that it equals the file: `completeUpload`, `putObject` and `formUpload`
 * reject with a non-retryable `INTEGRITY_MISMATCH` when the object differs, or `BAD_RESPONSE` when the answer
 * proves nothing; the kernel then uploads the file once more from a new upload and, if that fails the same way,
 * removes the object with `deleteObject`, so nothing corrupt stays reported or stored.
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
  /**
   * Uploads a small file through the transport's form upload (`wx.uploadFile`), when both support it. The
   * platform streams the file itself; `local` reads the same bytes, so the target can prove the object against
   * them (it reads them while the platform sends).
   */
  formUpload?(
    context: TargetContext,
    input: unknown,
    onProgress?: (sentBytes: number) => void,
    local?: Pick<FileSource, 'size' | 'read' | 'release'>,
  ): Promise<CompletedObject>
  /** Starts a multipart upload and returns its id. */
  initiateUpload(context: TargetContext): Promise<string>
  /**
   * Sends one part; resolves with what the server acknowledged, after checking the server's proof against the
   * bytes sent (OSS: the part's CRC-64, computed while it is sent).
   */
  uploadPart(context: TargetContext, part: PartUpload): Promise<PartRecord>
  /** The parts the server holds for an upload (sizes and ETags). */
  listParts(context: TargetContext, uploadId: string): Promise<PartRecord[]>
  /**
   * Completes the upload from the acknowledged parts (ascending) and proves the object against them (OSS: the
   * parts' combined CRC-64 against the object's).
   */
  completeUpload(
    context: TargetContext,
    uploadId: string,
    parts: PartRecord[],
  ): Promise<CompletedObject>
  /** Discards a multipart upload and its parts on the server. */
  abortUpload(context: TargetContext, uploadId: string): Promise<void>
  /**
   * Proves local bytes against a part record without sending them (local work only): resolves with the record to
   * keep (the claimed one, completed with the local CRC-64 where the target has one) when the bytes give the
   * record's proof (its CRC-64 when it has one, else its ETag), or undefined when they do not. The kernel asks it
   * before a resumed part is counted (a checkpoint's part, a part the server holds that the checkpoint missed).
   * A target without it cannot prove resumed parts: the kernel then trusts the checkpoint's parts the server
   * lists with the same ETag, and sends the others again.
   */
  verifyPart?(
    context: TargetContext,
    body: Uint8Array,
    claimed: PartRecord,
  ): Promise<PartRecord | undefined>
  /**
   * Deletes the object at the destination: the kernel calls it when the object could not be proven equal to the
   * file, twice. Rejects with the reason (e.g. `ACCESS_DENIED`) when the server refuses.
   */
  deleteObject?(context: TargetContext): Promise<void>
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

/** Signs a prepared form upload (adds the signed policy, the signature and the credentials as fields). */
export type FormSigner = (
  request: FormUploadRequest,
) => FormUploadRequest | Promise<FormUploadRequest>

/** Everything a target needs for one operation on one file. */
export interface TargetContext {
  readonly file: FileTask
  /** Credentials and destination. The credentials are for signing only. */
  readonly authorization: Authorization
  /** Runs the `request` hook, signs with `sign`, sends through the transport and runs the `response` hook. */
  send(request: HttpRequest, info: RequestInfo, sign?: RequestSigner): Promise<HttpResponse>
  /**
   * Form upload through the transport, on the path of `send`: the `request` hook sees the `POST` (URL and
   * headers, before signing), `sign` adds the signed fields, the `response` hook sees the answer. Rejects with
   * `PLUGIN_MISSING` if the transport has no form upload.
   */
  uploadForm(
    request: FormUploadRequest,
    info: RequestInfo,
    sign?: FormSigner,
  ): Promise<HttpResponse>
  readonly signal: CancelSignal
  readonly timeoutMs: number
  /** Native digests from the transport, if any. */
  readonly digests: Digests
}
