import type { PartRecord } from '../checkpoint'
import { UploadError } from '../errors'
import type { UploaderPlugin } from '../plugin'
import type { CompletedObject, Target, TargetContext, TargetLimits } from '../target'

/** One call the memory target received. */
export interface TargetCall {
  operation: string
  fileId: string
  uploadId?: string
  partNumber?: number
  bytes: number
  /** The security token the call was signed with. */
  token?: string
  outcome: 'ok' | 'error'
  code?: string
}

/** Options of {@link memoryTarget}. */
export interface MemoryTargetOptions {
  limits?: Partial<TargetLimits>
  /** Latency of each operation in ms (a number, or a function of the operation and part number). */
  delay?: number | ((operation: string, partNumber: number | undefined) => number)
  /** Decides per call whether it fails, and how. */
  fault?: (operation: string, partNumber: number | undefined) => UploadError | undefined
}

interface StoredUpload {
  key: string
  parts: Map<number, { bytes: Uint8Array; etag: string }>
}

/** An in-memory object store that behaves like OSS multipart upload, for kernel and plugin tests. */
export interface MemoryTarget extends UploaderPlugin {
  readonly target: Target
  /** Completed objects by `bucket/objectKey`. */
  readonly objects: Map<string, Uint8Array>
  readonly uploads: Map<string, StoredUpload>
  readonly calls: TargetCall[]
  /** Most operations that ran at once, and most part bytes in flight at once. */
  readonly peaks: { operations: number; partBytes: number }
  /** Makes the next `count` calls of `operation` fail with `error`. */
  failNext(operation: string, error: () => UploadError, count?: number): void
  /**
   * Makes the next `count` calls of `operation` act (store the part or the object) and then fail with `error`: a
   * server that answered without the proof the target needs (give the error a 2xx `status`).
   */
  failAfterActing(operation: string, error: () => UploadError, count?: number): void
  /** Every security token seen so far stops working (`TOKEN_EXPIRED`). */
  expireTokens(): void
  /** Forgets an upload id, as if the server aborted it (`NO_SUCH_UPLOAD` next). */
  dropUpload(uploadId: string): void
}

/** A short content hash, formatted like an OSS ETag: quoted upper-case hex. */
export function memoryEtag(bytes: Uint8Array): string {
  let h1 = 0x811c9dc5
  let h2 = 0x9747b28c
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i], 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ bytes[i], 0x5bd1e995) >>> 0
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0')
  return `"${(hex(h1) + hex(h2) + hex(bytes.length)).toUpperCase()}"`
}

const DEFAULT_LIMITS: TargetLimits = {
  minPartSize: 100 * 1024,
  maxPartSize: 5 * 1024 * 1024 * 1024,
  maxParts: 10_000,
  maxObjectSize: 48.8 * 1024 ** 4,
}

/** Creates an in-memory target plugin. */
export function memoryTarget(options: MemoryTargetOptions = {}): MemoryTarget {
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const objects = new Map<string, Uint8Array>()
  const uploads = new Map<string, StoredUpload>()
  const calls: TargetCall[] = []
  const failures = new Map<string, Array<() => UploadError>>()
  const lateFailures = new Map<string, Array<() => UploadError>>()
  const revoked = new Set<string>()
  const seenTokens = new Set<string>()
  const peaks = { operations: 0, partBytes: 0 }
  let running = 0
  let partBytes = 0
  let nextUploadId = 0

  const delayOf = (operation: string, partNumber?: number) =>
    typeof options.delay === 'function'
      ? options.delay(operation, partNumber)
      : (options.delay ?? 0)

  async function perform<T>(
    context: TargetContext,
    operation: string,
    detail: { uploadId?: string; partNumber?: number; bytes?: number },
    action: () => T,
  ): Promise<T> {
    const token = context.authorization.credentials.securityToken
    const call: TargetCall = {
      operation,
      fileId: context.file.id,
      uploadId: detail.uploadId,
      partNumber: detail.partNumber,
      bytes: detail.bytes ?? 0,
      token,
      outcome: 'ok',
    }
    running++
    partBytes += detail.bytes ?? 0
    peaks.operations = Math.max(peaks.operations, running)
    peaks.partBytes = Math.max(peaks.partBytes, partBytes)
    try {
      const delay = delayOf(operation, detail.partNumber)
      if (delay > 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, delay)
          context.signal.onAbort((reason) => {
            clearTimeout(timer)
            reject(reason)
          })
        })
      }
      if (context.signal.aborted) throw context.signal.reason
      if (token) {
        seenTokens.add(token)
        if (revoked.has(token)) {
          throw new UploadError('TOKEN_EXPIRED', 'The security token you provided has expired.', {
            status: 403,
            serverCode: 'SecurityTokenExpired',
            operation,
          })
        }
      }
      const injected = failures.get(operation)?.shift()
      if (injected) throw injected()
      const fault = options.fault?.(operation, detail.partNumber)
      if (fault) throw fault
      const result = action()
      const late = lateFailures.get(operation)?.shift()
      if (late) throw late()
      return result
    } catch (error) {
      call.outcome = 'error'
      call.code = (error as UploadError).code
      throw error
    } finally {
      running--
      partBytes -= detail.bytes ?? 0
      calls.push(call)
    }
  }

  const objectKey = (context: TargetContext) =>
    `${context.authorization.destination.bucket}/${context.authorization.destination.objectKey}`

  const uploadOf = (uploadId: string, operation: string) => {
    const upload = uploads.get(uploadId)
    if (!upload) {
      throw new UploadError('NO_SUCH_UPLOAD', 'The specified upload does not exist.', {
        status: 404,
        serverCode: 'NoSuchUpload',
        operation,
      })
    }
    return upload
  }

  const target: Target = {
    name: 'memory',
    limits,
    putObject: (context, body, onProgress) =>
      perform(context, 'PutObject', { bytes: body.length }, () => {
        onProgress?.(body.length)
        objects.set(objectKey(context), body.slice())
        return { etag: memoryEtag(body) }
      }),
    initiateUpload: (context) =>
      perform(context, 'InitiateMultipartUpload', {}, () => {
        const uploadId = `upload-${++nextUploadId}`
        uploads.set(uploadId, { key: objectKey(context), parts: new Map() })
        return uploadId
      }),
    uploadPart: (context, part) =>
      perform(
        context,
        'UploadPart',
        { uploadId: part.uploadId, partNumber: part.partNumber, bytes: part.body.length },
        (): PartRecord => {
          const upload = uploadOf(part.uploadId, 'UploadPart')
          const etag = memoryEtag(part.body)
          part.onProgress?.(part.body.length)
          upload.parts.set(part.partNumber, { bytes: part.body.slice(), etag })
          return { n: part.partNumber, etag, size: part.body.length }
        },
      ),
    listParts: (context, uploadId) =>
      perform(context, 'ListParts', { uploadId }, () =>
        [...uploadOf(uploadId, 'ListParts').parts.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([n, p]) => ({ n, etag: p.etag, size: p.bytes.length })),
      ),
    completeUpload: (context, uploadId, parts) =>
      perform(context, 'CompleteMultipartUpload', { uploadId }, (): CompletedObject => {
        const upload = uploadOf(uploadId, 'CompleteMultipartUpload')
        const chunks: Uint8Array[] = []
        parts.forEach((part, index) => {
          const held = upload.parts.get(part.n)
          if (!held || held.etag !== part.etag) {
            throw new UploadError('INVALID_PART', `Part ${part.n} is missing or differs.`, {
              serverCode: 'InvalidPart',
              status: 400,
            })
          }
          if (index > 0 && parts[index - 1].n >= part.n) {
            throw new UploadError('INVALID_PART', 'Parts are not in ascending order.', {
              serverCode: 'InvalidPartOrder',
              status: 400,
            })
          }
          if (index < parts.length - 1 && held.bytes.length < limits.minPartSize) {
            throw new UploadError(
              'INVALID_PART',
              'Your proposed upload is smaller than the minimum allowed size.',
              {
                serverCode: 'EntityTooSmall',
                status: 400,
              },
            )
          }
          chunks.push(held.bytes)
        })
        const total = chunks.reduce((sum, c) => sum + c.length, 0)
        const object = new Uint8Array(total)
        let offset = 0
        for (const chunk of chunks) {
          object.set(chunk, offset)
          offset += chunk.length
        }
        objects.set(upload.key, object)
        uploads.delete(uploadId)
        return { etag: memoryEtag(object) }
      }),
    abortUpload: (context, uploadId) =>
      perform(context, 'AbortMultipartUpload', { uploadId }, () => {
        uploadOf(uploadId, 'AbortMultipartUpload')
        uploads.delete(uploadId)
      }),
    verifyPart: async (_context, body, claimed) =>
      memoryEtag(body) === claimed.etag ? { ...claimed } : undefined,
    deleteObject: (context) =>
      perform(context, 'DeleteObject', {}, () => {
        objects.delete(objectKey(context))
      }),
  }
  const queue =
    (table: Map<string, Array<() => UploadError>>) =>
    (operation: string, error: () => UploadError, count = 1) => {
      const list = table.get(operation) ?? []
      for (let i = 0; i < count; i++) list.push(error)
      table.set(operation, list)
    }

  return {
    name: 'memory-target',
    apply(kernel) {
      kernel.provideTarget(target)
    },
    target,
    objects,
    uploads,
    calls,
    peaks,
    failNext: queue(failures),
    failAfterActing: queue(lateFailures),
    expireTokens() {
      for (const token of seenTokens) revoked.add(token)
    },
    dropUpload(uploadId) {
      uploads.delete(uploadId)
    },
  }
}
