import { UploadError } from '@vodup/core'
import { redact } from './redact'
import type { WxFileFailure } from './wx-api'

/** The kind of a `FileSystemManager` failure: errCode first, the errMsg text second. */
export type FileFailureKind = 'missing' | 'range' | 'too-large' | 'busy' | 'io' | 'denied'

const BY_CODE: Record<number, FileFailureKind> = {
  1300002: 'missing',
  1301112: 'missing',
  1300022: 'range',
  1301006: 'range',
  1301007: 'range',
  1301009: 'range',
  1300202: 'too-large',
  1302002: 'busy',
  1300005: 'io',
  1300201: 'io',
}

export function classifyFileFailure(failure: WxFileFailure): FileFailureKind {
  const known = failure.errCode === undefined ? undefined : BY_CODE[failure.errCode]
  if (known) return known
  const text = String(failure.errMsg ?? '').toLowerCase()
  if (/no such file|not exist/.test(text)) return 'missing'
  if (/out of range|invalid argument/.test(text)) return 'range'
  if (/storage limit|maximum size/.test(text)) return 'too-large'
  if (/fd limit/.test(text)) return 'busy'
  return 'denied'
}

/** True for WeChat temp paths, which live only as long as the mini program runs. */
export function isTempPath(path: string): boolean {
  return /^wxfile:\/\/tmp_|^https?:\/\/tmp\//.test(path)
}

/** Says that a file is missing; for a temp file, that it is gone for good and must be picked again. */
export function missingFileError(path: string, detail: string): UploadError {
  const message = isTempPath(path)
    ? `The temp file ${path} is gone (${detail}): WeChat keeps temp files only while the mini program runs, so after a restart the user must pick the file again.`
    : `No file at ${path} (${detail}).`
  return new UploadError('FILE_NOT_FOUND', message)
}

/**
 * Turns a `FileSystemManager` failure into an {@link UploadError}: missing → FILE_NOT_FOUND, a range the file no
 * longer has → FILE_CHANGED, WeChat's 100 MB / storage cap → STORAGE_ERROR, anything else → FILE_NOT_READABLE.
 */
export function fileError(operation: string, path: string, failure: WxFileFailure): UploadError {
  const errMsg = redact(String(failure.errMsg ?? 'fail'))
  const code = failure.errCode === undefined ? '' : ` (errCode ${failure.errCode})`
  const detail = `${operation}: ${errMsg}${code}`
  const cause = { errMsg, errCode: failure.errCode }
  switch (classifyFileFailure(failure)) {
    case 'missing':
      return missingFileError(path, detail)
    case 'range':
      return new UploadError(
        'FILE_CHANGED',
        `${path} no longer holds the bytes asked for (${detail}).`,
        {
          cause,
        },
      )
    case 'too-large':
      return new UploadError(
        'STORAGE_ERROR',
        `${path} could not be read: WeChat's size limit (${detail}).`,
        {
          cause,
        },
      )
    case 'busy':
      return new UploadError(
        'FILE_NOT_READABLE',
        `Too many open files reading ${path} (${detail}).`,
        {
          cause,
          retryable: true,
        },
      )
    case 'io':
      return new UploadError('FILE_NOT_READABLE', `${path} could not be read (${detail}).`, {
        cause,
        retryable: true,
      })
    default:
      return new UploadError('FILE_NOT_READABLE', `${path} could not be read (${detail}).`, {
        cause,
      })
  }
}
