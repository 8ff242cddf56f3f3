import { UploadError } from '@vodup/core'

/** `INVALID_ARGUMENT` for a factory's bad option: `uploadAuth() option "getUploadAuth" must be a function.` */
export function invalidOption(factory: string, field: string, problem: string): UploadError {
  const subject = field === 'options' ? `${factory} options` : `${factory} option "${field}"`
  return new UploadError('INVALID_ARGUMENT', `${subject} ${problem}`, { field })
}
