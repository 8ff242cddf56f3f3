import { UploadError } from '@vodup/core'

/** An `AUTH_INVALID` error naming the field at fault. The message never repeats the field's value. */
export function authInvalid(field: string, problem: string): UploadError {
  return new UploadError('AUTH_INVALID', `${field} ${problem}`, { field, retryable: false })
}
