import { isUploadError, type UploadError } from '@vodup/core'

function expectUploadError(outcome: unknown): UploadError {
  if (!isUploadError(outcome)) throw new Error(`expected an UploadError, got ${String(outcome)}`)
  return outcome
}

/** The UploadError `promise` rejects with; throws when it resolves or rejects with anything else. */
export async function uploadErrorOf(promise: Promise<unknown>): Promise<UploadError> {
  return expectUploadError(
    await promise.then(
      () => undefined,
      (error: unknown) => error,
    ),
  )
}

/** The UploadError `run` throws; throws when it returns or throws anything else. */
export function uploadErrorThrownBy(run: () => unknown): UploadError {
  try {
    run()
  } catch (error) {
    return expectUploadError(error)
  }
  return expectUploadError(undefined)
}
