import { toUploadError, UploadError } from './errors'
import { runOperation, type UploadSession } from './upload-session'

/**
 * The target completed an object (Complete, PutObject, PostObject answered success) but could not prove that it
 * equals the file: its proof differed (`INTEGRITY_MISMATCH`) or was missing (`BAD_RESPONSE`). The object may now
 * stand at the key with other bytes than the file's.
 */
export class ObjectNotProven extends Error {
  constructor(readonly error: UploadError) {
    super(error.message)
  }
}

/**
 * Runs the call that completes an object and marks its failure as {@link ObjectNotProven} when the server
 * answered success (2xx) without proving the object. Other failures pass unchanged.
 */
export async function completing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (thrown) {
    const error = toUploadError(thrown)
    const answeredSuccess = error.status !== undefined && error.status >= 200 && error.status < 300
    if (answeredSuccess && (error.code === 'INTEGRITY_MISMATCH' || error.code === 'BAD_RESPONSE')) {
      throw new ObjectNotProven(error)
    }
    throw thrown
  }
}

/**
 * Uploads an object with `upload`, once more if the first object could not be proven (from scratch: a new
 * multipart upload, or the whole body again), saying so through the `warning` hook. When the second object cannot
 * be proven either, it is deleted so nothing corrupt stays at the key; the failure says whether it was, or names
 * the key and why it could not be removed.
 */
export async function provenObject<T>(
  session: UploadSession,
  upload: (again: boolean) => Promise<T>,
): Promise<T> {
  const { host, file } = session
  try {
    return await upload(false)
  } catch (thrown) {
    if (!(thrown instanceof ObjectNotProven) || session.signal.aborted) throw thrown
    const warning = new UploadError(
      thrown.error.code,
      `${thrown.error.message} Uploading "${file.name}" once more from the start.`,
      { ...detailsOf(thrown.error), cause: thrown.error },
    )
    host.log('warn', warning.message, { fileId: file.id })
    host.hooks.warning.call(warning, file)
  }
  try {
    return await upload(true)
  } catch (thrown) {
    if (!(thrown instanceof ObjectNotProven) || session.signal.aborted) throw thrown
    throw await removeUnproven(session, thrown.error)
  }
}

/** Deletes the unproven object; the error to fail the file with says what became of it. */
async function removeUnproven(session: UploadSession, error: UploadError): Promise<UploadError> {
  const { host } = session
  const { bucket, objectKey } = session.credentials.authorization.destination
  const where = `${bucket}/${objectKey}`
  const target = host.target
  let outcome: string
  if (!target.deleteObject) {
    outcome = `The object at ${where} could not be removed: target "${target.name}" cannot delete objects.`
  } else {
    const deleteObject = target.deleteObject.bind(target)
    try {
      await runOperation(session, 'DeleteObject', undefined, (ctx) => deleteObject(ctx))
      outcome = `The object at ${where} was deleted, so no corrupt object stays.`
    } catch (thrown) {
      if (session.signal.aborted) throw session.signal.reason
      const refusal = toUploadError(thrown)
      outcome = `The object at ${where} could not be removed: ${refusal.message} [${refusal.code}]`
    }
  }
  return new UploadError(error.code, `${error.message} It failed twice. ${outcome}`, {
    ...detailsOf(error),
    retryable: false,
    cause: error,
  })
}

function detailsOf(error: UploadError) {
  return {
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
    ...(error.serverCode ? { serverCode: error.serverCode } : {}),
    ...(error.operation ? { operation: error.operation } : {}),
  }
}
