import { UploadError } from '@vodup/core'

/** An `INVALID_ARGUMENT` error naming the argument or option at fault. */
export function invalidArgument(field: string, message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', message, { field })
}
