import type { Checkpoint, PartRecord } from './checkpoint'
import { toUploadError, UploadError } from './errors'
import { extensionsOf } from './file-extensions'
import type { PartPlan } from './hooks'
import { completing, provenObject } from './object-proof'
import { type PlannedPart, partRanges } from './part-plan'
import { runPool } from './part-pool'
import { reconcile } from './resume-proof'
import type { CompletedObject } from './target'
import { runOperation, type UploadSession } from './upload-session'

/** What a multipart run produced. */
export interface MultipartOutcome {
  completed: CompletedObject
  partsSent: number
  partsResumed: number
}

/**
 * Uploads a file in parts: resumes from `checkpoint` (its parts proven against the local bytes and reconciled
 * with ListParts) or initiates a new upload, sends the missing parts with bounded concurrency, and completes. A
 * stale upload id (`NO_SUCH_UPLOAD`) drops the checkpoint and starts over once; an object that Complete could not
 * prove is uploaded once more from a new upload, then removed (see {@link provenObject}).
 */
export async function uploadMultipart(
  session: UploadSession,
  plan: PartPlan,
  checkpoint: Checkpoint | undefined,
): Promise<MultipartOutcome> {
  let resumeFrom = checkpoint
  return provenObject(session, async (again) => {
    if (again) {
      if (session.file.uploadId) await abortQuietly(session, session.file.uploadId)
      resumeFrom = undefined
      session.progress.restart()
      await session.checkpoints.remove()
    }
    let restarted = false
    for (;;) {
      try {
        return await attempt(session, resumeFrom ? resumeFrom.partSize : plan.partSize, resumeFrom)
      } catch (thrown) {
        const error = toUploadError(thrown)
        if (error.code !== 'NO_SUCH_UPLOAD' || restarted || session.signal.aborted) throw thrown
        session.host.log(
          'warn',
          'The server no longer knows the upload id; starting a new upload.',
          {
            fileId: session.file.id,
          },
        )
        restarted = true
        resumeFrom = undefined
        session.progress.restart()
        await session.checkpoints.remove()
      }
    }
  })
}

/** Resumes the checkpoint's upload when its parts prove true, else starts a new one; returns the parts done. */
async function openUpload(
  session: UploadSession,
  ranges: PlannedPart[],
  checkpoint: Checkpoint | undefined,
): Promise<{ uploadId: string; done: Map<number, PartRecord> }> {
  const { host, file } = session
  const target = host.target
  if (checkpoint) {
    const uploadId = checkpoint.uploadId
    const held = await runOperation(session, 'ListParts', undefined, (ctx) =>
      target.listParts(ctx, uploadId),
    )
    const reconciled = await reconcile(session, ranges, checkpoint.doneParts, held)
    if (reconciled.kind === 'parts') return { uploadId, done: reconciled.done }
    const warning = new UploadError(
      'FILE_CHANGED',
      `"${file.name}" changed since its checkpoint (part ${reconciled.partNumber} differs from the bytes sent): starting a new upload.`,
      { partNumber: reconciled.partNumber },
    )
    host.log('warn', warning.message, { fileId: file.id })
    host.hooks.warning.call(warning, file)
    await abortQuietly(session, uploadId)
    await session.checkpoints.remove()
  }
  const uploadId = await runOperation(session, 'InitiateMultipartUpload', undefined, (ctx) =>
    target.initiateUpload(ctx),
  )
  return { uploadId, done: new Map() }
}

/** Aborts an upload that is given up; a failure is a warning, never the file's failure. */
async function abortQuietly(session: UploadSession, uploadId: string): Promise<void> {
  const { host, file } = session
  try {
    await runOperation(session, 'AbortMultipartUpload', undefined, (ctx) =>
      host.target.abortUpload(ctx, uploadId),
    )
  } catch (thrown) {
    if (session.signal.aborted) throw session.signal.reason
    const cause = toUploadError(thrown)
    if (cause.code === 'NO_SUCH_UPLOAD') return // gone already (completed, or aborted by someone else)
    const warning = new UploadError(
      cause.code,
      `Could not abort the abandoned upload of "${file.name}": ${cause.message}`,
      { cause, retryable: false },
    )
    host.log('warn', warning.message, { fileId: file.id })
    host.hooks.warning.call(warning, file)
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
  const { uploadId, done } = await openUpload(session, ranges, checkpoint)
  session.run.uploadStarted(uploadId)
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
  const completed = await completing(() =>
    runOperation(session, 'CompleteMultipartUpload', undefined, (ctx) =>
      target.completeUpload(ctx, uploadId, parts),
    ),
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

function snapshot(
  session: UploadSession,
  uploadId: string,
  partSize: number,
  done: Map<number, PartRecord>,
): Checkpoint {
  const { destination } = session.credentials.authorization
  const extensions = extensionsOf(session.file)
  return {
    v: 1,
    fingerprint: session.checkpoints.fingerprint,
    fileSize: session.source.size,
    partSize,
    uploadId,
    endpoint: destination.endpoint,
    bucket: destination.bucket,
    objectKey: destination.objectKey,
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    doneParts: [...done.values()].sort((a, b) => a.n - b.n),
    updatedAt: Date.now(),
  }
}
