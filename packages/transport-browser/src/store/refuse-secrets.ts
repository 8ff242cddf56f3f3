import { checkStoreValue, UploadError } from '@vodup/core'

/** Throws `STORAGE_ERROR` for a value that names a secret field: page storage is readable by every script. */
export const refuseSecrets: (key: string, value: string) => void = checkStoreValue

/** A `STORAGE_ERROR` for a failed store operation. */
export function storageError(action: string, key: string, error: unknown): UploadError {
  const reason = error instanceof Error ? error.message : String(error)
  return new UploadError('STORAGE_ERROR', `Could not ${action} checkpoint "${key}": ${reason}`, {
    cause: error,
  })
}
