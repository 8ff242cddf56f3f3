import { isUploadError, type UploadError } from '@vodup/core'

/** The UploadError `promise` rejects with; throws when it resolves or rejects with anything else. */
export async function uploadErrorOf(promise: Promise<unknown>): Promise<UploadError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!isUploadError(outcome)) throw new Error(`expected an UploadError, got ${String(outcome)}`)
  return outcome
}
