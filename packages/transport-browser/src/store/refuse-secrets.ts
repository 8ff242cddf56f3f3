import { UploadError } from '@vodup/core'

const SECRET_FIELDS = /"(accessKeySecret|securityToken|AccessKeySecret|SecurityToken)"\s*:/

/** Throws `STORAGE_ERROR` for a value that names a secret field: page storage is readable by every script. */
export function refuseSecrets(key: string, value: string): void {
  if (SECRET_FIELDS.test(value)) {
    throw new UploadError(
      'STORAGE_ERROR',
      `Refused to store checkpoint "${key}": it holds a secret.`,
    )
  }
}

/** A `STORAGE_ERROR` for a failed store operation. */
export function storageError(action: string, key: string, error: unknown): UploadError {
  const reason = error instanceof Error ? error.message : String(error)
  return new UploadError('STORAGE_ERROR', `Could not ${action} checkpoint "${key}": ${reason}`, {
    cause: error,
  })
}
