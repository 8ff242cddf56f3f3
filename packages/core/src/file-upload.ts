import { type Authorization, assertAuthorization, sameDestination } from './authorization'
import { raceCancel } from './cancel'
import type { Checkpoint } from './checkpoint'
import { CheckpointKeeper } from './checkpoint-keeper'
import { CredentialKeeper } from './credentials'
import { toUploadError, UploadError } from './errors'
import { extensionsOf } from './file-extensions'
import type { FileRun } from './file-run'
import type { UploadResult } from './file-task'
import { defaultFingerprint } from './fingerprint'
import { Gate } from './gate'
import type { PartPlan } from './hooks'
import type { KernelHost } from './kernel-host'
import { uploadMultipart } from './multipart-upload'
import { completing, provenObject } from './object-proof'
import { isValidPlan, planParts } from './part-plan'
import { ProgressTracker } from './progress'
import type { CompletedObject } from './target'
import type { FileSource } from './transport'
import { runOperation, type UploadSession } from './upload-session'

/**
 * One file, start to finish: open, read the checkpoint, `fileStarted`, `authorize`, then one request or a
 * multipart upload, then the checkpoint removed and progress at 100 %. Throws an `UploadError` on failure; the
 * checkpoint then stays for a later resume. Every write to the file goes through `run`.
 */
export async function uploadFile(
  host: KernelHost,
  run: FileRun,
  platformGate: Gate,
): Promise<UploadResult> {
  const { file, signal } = run
  const source = await openSource(host, run)
  let checkpoints: CheckpointKeeper | undefined
  try {
    run.opened(source.size)
    const fingerprint = host.hooks.fingerprint.call(defaultFingerprint(file.key, source), file)
    run.identified(fingerprint)
    checkpoints = new CheckpointKeeper(host, file, fingerprint, host.options.checkpoints)
    let checkpoint = await checkpoints.load()
    if (checkpoint && checkpoint.fileSize !== source.size) checkpoint = undefined
    if (checkpoint) run.resumed(checkpoint)

    host.hooks.fileStarted.call(file)
    const authorization = await authorize(host, run)
    if (checkpoint && !sameDestination(checkpoint, authorization.destination)) {
      host.log('info', 'The checkpoint belongs to another destination; starting a new upload.', {
        fileId: file.id,
      })
      await checkpoints.remove()
      checkpoint = undefined
    }

    const fileGate = new Gate()
    const progress = new ProgressTracker(file.id, source.size)
    const session: UploadSession = {
      host,
      run,
      file,
      source,
      checkpoints,
      progress,
      fileGate,
      platformGate,
      signal,
      credentials: new CredentialKeeper(host, run, fileGate, authorization),
      acknowledgedParts: 0,
      progressMark: () => session.acknowledgedParts,
      emitProgress(force) {
        if (!force && !progress.due(host.options.progressIntervalMs)) return
        if (force) progress.emitted()
        run.loaded(progress.loaded)
        host.hooks.progress.call(file, progress.snapshot())
      },
    }
    const plan = choosePlan(session, checkpoint)
    let completed: CompletedObject
    let partsSent = 0
    let partsResumed = 0
    if (plan.single) {
      if (checkpoint) await checkpoints.remove()
      completed = await uploadWhole(session)
    } else {
      const outcome = await uploadMultipart(session, plan, checkpoint)
      completed = outcome.completed
      partsSent = outcome.partsSent
      partsResumed = outcome.partsResumed
      await checkpoints.remove()
    }
    run.uploadEnded()
    progress.complete()
    session.emitProgress(true)
    const { destination } = session.credentials.authorization
    return {
      ...extensionsOf(file),
      fileId: file.id,
      name: file.name,
      size: source.size,
      endpoint: destination.endpoint,
      bucket: destination.bucket,
      objectKey: destination.objectKey,
      etag: completed.etag,
      crc64: completed.crc64,
      partsSent,
      partsResumed,
    }
  } finally {
    // A stopped or failed file ends with its newest checkpoint in the store, so a later run resumes from it.
    await checkpoints?.flush()
    source.close().catch(() => {})
  }
}

async function openSource(host: KernelHost, run: FileRun): Promise<FileSource> {
  try {
    return await raceCancel(host.transport.openFile(run.file.input), run.signal)
  } catch (error) {
    throw run.signal.aborted ? run.signal.reason : toUploadError(error, 'FILE_NOT_READABLE')
  }
}

async function authorize(host: KernelHost, run: FileRun): Promise<Authorization> {
  const { file, signal } = run
  run.setState('awaiting-credentials')
  let authorization: Authorization | undefined
  try {
    authorization = await raceCancel(host.hooks.authorize.promise({ file, signal }), signal)
  } catch (error) {
    throw signal.aborted ? signal.reason : toUploadError(error)
  }
  if (!authorization) {
    throw new UploadError(
      'AUTH_MISSING',
      `No plugin authorized "${file.name}": add an auth plugin such as uploadAuth() or sts().`,
    )
  }
  assertAuthorization(authorization)
  run.authorized(authorization, true)
  run.setState('uploading')
  return authorization
}

function choosePlan(session: UploadSession, checkpoint: Checkpoint | undefined): PartPlan {
  const { host, source, file } = session
  const limits = host.target.limits
  const options = host.options
  if (checkpoint) {
    const resumed: PartPlan = {
      fileSize: source.size,
      partSize: checkpoint.partSize,
      partCount: Math.ceil(source.size / checkpoint.partSize),
      single: false,
    }
    if (isValidPlan(resumed, limits)) return resumed
  }
  const proposed = planParts(source.size, options.partSize, options.multipartThreshold, limits)
  const chosen = host.hooks.planParts.call({ ...proposed }, file)
  if (!isValidPlan(chosen, limits)) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `A planParts tap produced an invalid plan (part size ${chosen.partSize}, ${chosen.partCount} parts).`,
      { field: 'partSize' },
    )
  }
  return chosen
}

/**
 * Uploads a small file in one request (PostObject through the platform's form upload where both support it, else
 * PutObject), once more if the object could not be proven, then removed (see {@link provenObject}).
 */
function uploadWhole(session: UploadSession): Promise<CompletedObject> {
  const { host, source, progress, file } = session
  const target = host.target
  const formMax = host.transport.capabilities.formUploadMaxSize
  const onProgress = (sent: number) => {
    progress.sending(1, Math.min(sent, source.size))
    session.emitProgress(false)
  }
  session.emitProgress(true)
  if (
    target.formUpload &&
    host.transport.uploadForm &&
    formMax !== undefined &&
    source.size <= formMax
  ) {
    const formUpload = target.formUpload.bind(target)
    return provenObject(session, () =>
      completing(() =>
        runOperation(session, 'PostObject', undefined, (ctx) =>
          formUpload(ctx, file.input, onProgress, source),
        ),
      ),
    )
  }
  return provenObject(session, () =>
    completing(() =>
      runOperation(session, 'PutObject', undefined, async (ctx) => {
        let body: Uint8Array | undefined
        try {
          body = source.size === 0 ? new Uint8Array(0) : await source.read(0, source.size)
          return await target.putObject(ctx, body, onProgress)
        } catch (error) {
          progress.discard(1)
          throw error
        } finally {
          if (body && source.size > 0) source.release?.(body)
        }
      }),
    ),
  )
}
