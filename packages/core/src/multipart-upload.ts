import type { Checkpoint, PartRecord } from './checkpoint'
import { toUploadError, UploadError } from './errors'
import type { PartPlan } from './hooks'
import { type PlannedPart, partRanges } from './part-plan'
import type { CompletedObject } from './target'
import { runOperation, targetContext, type UploadSession } from './upload-session'

/** What a multipart run produced. */
export interface MultipartOutcome {
  completed: CompletedObject
  partsSent: number
  partsResumed: number
}

/**
 * Uploads a file in parts: resumes from `checkpoint` (reconciled with ListParts) or initiates a new upload,
 * sends the missing parts with bounded concurrency, and completes. A stale upload id (`NO_SUCH_UPLOAD`) drops
 * the checkpoint and starts over once.
 */
export async function uploadMultipart(
  session: UploadSession,
  plan: PartPlan,
  checkpoint: Checkpoint | undefined,
): Promise<MultipartOutcome> {
  let resumeFrom = checkpoint
  let restarted = false
  for (;;) {
    try {
      return await attempt(session, resumeFrom ? resumeFrom.partSize : plan.partSize, resumeFrom)
    } catch (thrown) {
      const error = toUploadError(thrown)
      if (error.code !== 'NO_SUCH_UPLOAD' || restarted || session.signal.aborted) throw error
      session.host.log('warn', 'The server no longer knows the upload id; starting a new upload.', {
        fileId: session.file.id,
      })
      restarted = true
      resumeFrom = undefined
      session.progress.restart()
      await session.checkpoints.remove()
    }
  }
}

async function attempt(
  session: UploadSession,
  partSize: number,
  checkpoint: Checkpoint | undefined,
): Promise<MultipartOutcome> {
  const { host, file, source } = session
  const target = host.target
  const ranges = partRanges(source.size, partSize)
  let uploadId: string
  let done: Map<number, PartRecord>
  if (checkpoint) {
    uploadId = checkpoint.uploadId
    const held = await runOperation(session, 'ListParts', undefined, (ctx) =>
      target.listParts(ctx, uploadId),
    )
    done = await reconcile(session, ranges, checkpoint.doneParts, held)
  } else {
    uploadId = await runOperation(session, 'InitiateMultipartUpload', undefined, (ctx) =>
      target.initiateUpload(ctx),
    )
    done = new Map()
  }
  file.uploadId = uploadId
  const partsResumed = done.size
  const save = () => session.checkpoints.save(snapshot(session, uploadId, partSize, done))
  save()
  let resumedBytes = 0
  for (const part of done.values()) resumedBytes += part.size
  session.progress.resumed(resumedBytes)
  session.emitProgress(true)

  const pending = ranges.filter((range) => !done.has(range.partNumber))
  let partsSent = 0
  await runPool(session, pending, async (range) => {
    const record = await sendPart(session, uploadId, range)
    done.set(range.partNumber, record)
    partsSent++
    session.acknowledgedParts++
    session.credentials.progressed()
    session.progress.acknowledge(range.partNumber, record.size)
    save()
    host.hooks.partUploaded.call(file, record)
    session.emitProgress(true)
  })

  const parts = [...done.values()].sort((a, b) => a.n - b.n)
  await session.checkpoints.flush()
  const completed = await runOperation(session, 'CompleteMultipartUpload', undefined, (ctx) =>
    target.completeUpload(ctx, uploadId, parts),
  )
  return { completed, partsSent, partsResumed }
}

async function sendPart(
  session: UploadSession,
  uploadId: string,
  range: PlannedPart,
): Promise<PartRecord> {
  const { host, source, progress } = session
  const size = range.end - range.start
  return runOperation(session, 'UploadPart', range.partNumber, async (ctx) => {
    let body: Uint8Array | undefined
    try {
      body = await source.read(range.start, range.end)
      if (body.length !== size) {
        throw new UploadError(
          'FILE_CHANGED',
          `Read ${body.length} bytes of part ${range.partNumber} where ${size} were expected: the file changed.`,
        )
      }
      const record = await host.target.uploadPart(ctx, {
        uploadId,
        partNumber: range.partNumber,
        body,
        onProgress: (sent) => {
          progress.sending(range.partNumber, Math.min(sent, size))
          session.emitProgress(false)
        },
      })
      return {
        n: range.partNumber,
        etag: record.etag,
        size,
        ...(record.crc64 !== undefined ? { crc64: record.crc64 } : {}),
      }
    } catch (error) {
      progress.discard(range.partNumber)
      throw error
    } finally {
      if (body) source.release?.(body)
    }
  })
}

/**
 * Runs `work` over `parts` with at most `concurrency` at once. After the first failure no new part starts; the
 * parts in flight finish (and are kept), then the failure is thrown.
 */
async function runPool(
  session: UploadSession,
  parts: PlannedPart[],
  work: (part: PlannedPart) => Promise<void>,
): Promise<void> {
  const { signal } = session
  let next = 0
  let failure: unknown
  let failed = false
  const worker = async () => {
    while (!failed && !signal.aborted && next < parts.length) {
      const part = parts[next++]
      try {
        await work(part)
      } catch (error) {
        if (!failed) {
          failed = true
          failure = error
        }
      }
    }
  }
  const workers = Math.min(session.host.options.concurrency, parts.length)
  await Promise.all(Array.from({ length: workers }, worker))
  if (signal.aborted) throw signal.reason
  if (failed) throw failure
}

/**
 * Decides which parts need not be sent again: those the server holds with the checkpoint's ETag, and those the
 * server holds that the checkpoint missed (a crash between the acknowledgement and the save) when the local bytes
 * produce the same ETag.
 */
async function reconcile(
  session: UploadSession,
  ranges: PlannedPart[],
  saved: PartRecord[],
  held: PartRecord[],
): Promise<Map<number, PartRecord>> {
  const { host, source } = session
  const savedByNumber = new Map(saved.map((p) => [p.n, p]))
  const heldByNumber = new Map(held.map((p) => [p.n, p]))
  const done = new Map<number, PartRecord>()
  for (const range of ranges) {
    const server = heldByNumber.get(range.partNumber)
    const size = range.end - range.start
    if (!server || server.size !== size) continue
    const local = savedByNumber.get(range.partNumber)
    if (local && sameEtag(local.etag, server.etag)) {
      done.set(range.partNumber, { ...local, size })
      continue
    }
    const describe = host.target.describePart
    if (!describe) {
      done.set(range.partNumber, { n: range.partNumber, etag: server.etag, size })
      continue
    }
    const body = await source.read(range.start, range.end)
    let tag: Pick<PartRecord, 'etag' | 'crc64'>
    try {
      tag = await describe.call(host.target, targetContext(session), body)
    } finally {
      source.release?.(body)
    }
    if (sameEtag(tag.etag, server.etag)) {
      done.set(range.partNumber, { n: range.partNumber, etag: server.etag, size, crc64: tag.crc64 })
    }
  }
  return done
}

function sameEtag(a: string, b: string): boolean {
  const norm = (etag: string) => etag.replace(/"/g, '').toUpperCase()
  return norm(a) === norm(b)
}

function snapshot(
  session: UploadSession,
  uploadId: string,
  partSize: number,
  done: Map<number, PartRecord>,
): Checkpoint {
  const { destination } = session.credentials.authorization
  const file = session.file
  return {
    v: 1,
    fingerprint: session.checkpoints.fingerprint,
    fileSize: session.source.size,
    partSize,
    uploadId,
    endpoint: destination.endpoint,
    bucket: destination.bucket,
    objectKey: destination.objectKey,
    ...(file.videoId ? { videoId: file.videoId } : {}),
    ...(file.imageId ? { imageId: file.imageId } : {}),
    doneParts: [...done.values()].sort((a, b) => a.n - b.n),
    updatedAt: Date.now(),
  }
}
