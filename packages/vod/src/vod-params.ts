import { type FileTask, UploadError } from '@vodup/core'
import { isImageFile } from './media-kind'
import type { RpcParams } from './rpc-signature'
import { type VodInfo, vodInfoOf } from './user-data'
import {
  checkValueDepth,
  truncateUtf8,
  USER_DATA_LIMITS,
  utf8Length,
  VOD_PARAMETER_LIMITS,
} from './user-data-limits'

/** The VOD actions that issue upload credentials. */
export type UploadAction = 'CreateUploadVideo' | 'RefreshUploadVideo' | 'CreateUploadImage'

/** `Vod` keys sent to CreateUploadVideo (besides Title, FileName and FileSize). */
const VIDEO_KEYS = [
  'Description',
  'CateId',
  'Tags',
  'TemplateGroupId',
  'WorkflowId',
  'StorageLocation',
  'CoverURL',
  'AppId',
  'UserData',
] as const

/** `Vod` keys sent to CreateUploadImage (besides Title, ImageType and ImageExt). */
const IMAGE_KEYS = [
  'Tags',
  'StorageLocation',
  'CateId',
  'Description',
  'UserData',
  'AppId',
] as const

const ALL_KEYS = ['Title', 'FileName', 'FileSize', 'ImageType', 'ImageExt', ...VIDEO_KEYS]

/** A `Vod` value as an RPC parameter; undefined for empty values. Throws `INVALID_ARGUMENT` naming the key. */
function paramValue(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return String(value)
  if (key === 'Tags' && Array.isArray(value) && value.every((t) => typeof t === 'string')) {
    return value.join(',')
  }
  if (key === 'UserData' && typeof value === 'object') {
    try {
      checkValueDepth(value, 'userData.Vod.UserData')
      return JSON.stringify(value)
    } catch (error) {
      if (error instanceof UploadError) throw error
      throw new UploadError('INVALID_ARGUMENT', 'userData.Vod.UserData cannot be made JSON.', {
        field: 'userData.Vod.UserData',
        cause: error,
      })
    }
  }
  throw new UploadError(
    'INVALID_ARGUMENT',
    `userData.Vod.${key} must be a string or a number${key === 'Tags' ? ' (or a list of strings)' : ''}.`,
    { field: `userData.Vod.${key}` },
  )
}

function pick(info: VodInfo, keys: readonly string[]): RpcParams {
  const params: RpcParams = {}
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(info, key)) continue
    const value = paramValue(key, info[key])
    if (value !== undefined) params[key] = value
  }
  return params
}

function overLimit(key: string, message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', `userData.Vod.${key} ${message}`, {
    field: `userData.Vod.${key}`,
  })
}

/** Throws `INVALID_ARGUMENT` on `userData.Vod.<Key>` for a value over the limit VOD documents for it. */
function checkLimits(params: RpcParams): void {
  for (const key of ['Title', 'Description', 'CoverURL'] as const) {
    const value = params[key]
    if (typeof value !== 'string') continue
    const bytes = utf8Length(value)
    if (bytes > VOD_PARAMETER_LIMITS[key]) {
      throw overLimit(
        key,
        `is ${bytes} bytes; VOD takes at most ${VOD_PARAMETER_LIMITS[key]} (UTF-8).`,
      )
    }
  }
  if (typeof params.Tags === 'string') {
    const tags = params.Tags.split(',')
    if (tags.length > VOD_PARAMETER_LIMITS.tagCount) {
      throw overLimit(
        'Tags',
        `has ${tags.length} tags; VOD takes at most ${VOD_PARAMETER_LIMITS.tagCount}.`,
      )
    }
    const long = tags.find((tag) => utf8Length(tag) > VOD_PARAMETER_LIMITS.tagBytes)
    if (long !== undefined) {
      throw overLimit(
        'Tags',
        `has a tag of ${utf8Length(long)} bytes; VOD takes at most ${VOD_PARAMETER_LIMITS.tagBytes} per tag.`,
      )
    }
  }
  if (typeof params.UserData === 'string' && utf8Length(params.UserData) > USER_DATA_LIMITS.bytes) {
    throw overLimit('UserData', `is over ${USER_DATA_LIMITS.bytes} bytes as JSON.`)
  }
}

/** Checks a file's userData / meta.vod; throws `INVALID_ARGUMENT` naming the problem. */
export function checkVodInfo(file: Pick<FileTask, 'meta'>): void {
  checkLimits(pick(vodInfoOf(file.meta), ALL_KEYS))
}

/** Which action gives a file credentials: Refresh with a video id, CreateUploadImage for images, else Create. */
export function uploadActionFor(file: Pick<FileTask, 'videoId' | 'name' | 'meta'>): UploadAction {
  if (file.videoId) return 'RefreshUploadVideo'
  return isImageFile(file) ? 'CreateUploadImage' : 'CreateUploadVideo'
}

function extension(name: string): string | undefined {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
}

/**
 * The parameters of `action` for a file: the `Vod` keys the action takes, with `Title` defaulting to the file
 * name (never the text "undefined"), `FileName` and `FileSize` from the file, and `ImageExt` from its extension.
 */
export function uploadActionParams(
  action: UploadAction,
  file: Pick<FileTask, 'videoId' | 'name' | 'size' | 'meta'>,
): RpcParams {
  if (action === 'RefreshUploadVideo') return { VideoId: file.videoId }
  const info = vodInfoOf(file.meta)
  const named = pick(info, ['Title', 'FileName', 'FileSize', 'ImageType', 'ImageExt'])
  // A file name over VOD's 128-byte limit for titles is cut rather than refused: the app did not choose it as a title.
  const title = named.Title ?? truncateUtf8(file.name, VOD_PARAMETER_LIMITS.Title)
  if (action === 'CreateUploadImage') {
    return {
      ...pick(info, IMAGE_KEYS),
      Title: title,
      ImageType: named.ImageType ?? 'default',
      ImageExt: named.ImageExt ?? extension(file.name),
    }
  }
  return {
    ...pick(info, VIDEO_KEYS),
    Title: title,
    FileName: named.FileName ?? file.name,
    FileSize: file.size !== undefined ? String(file.size) : named.FileSize,
  }
}
