import { UploadError } from '@vodup/core'

/** A file input as the transport understands it. */
export interface WxFileInput {
  /** The local path: `wxfile://tmp_…`, `http://tmp/…` (DevTools), `wxfile://usr/…`. */
  path: string
  /** The last path segment. */
  name: string
  /** The size in bytes, when the chooser told it. */
  size?: number
}

/**
 * The inputs `addFile` accepts in a mini program: a path string, `{ url }` (VODUpload's `addFile({ url })`),
 * `{ tempFilePath, size }` (wx.chooseMedia / wx.chooseVideo) and `{ path, size }` (wx.chooseMessageFile /
 * wx.chooseImage's `tempFiles`).
 */
export type WxFileSource =
  | string
  | { url: string }
  | { tempFilePath: string; size?: number }
  | { path: string; size?: number }

function pathOf(input: unknown): unknown {
  if (typeof input === 'string') return input
  if (typeof input !== 'object' || input === null) return undefined
  const record = input as Record<string, unknown>
  return record.tempFilePath ?? record.path ?? record.url
}

/** Reads a file input; throws INVALID_ARGUMENT naming the accepted shapes. */
export function describeInput(input: unknown): WxFileInput {
  const path = pathOf(input)
  if (typeof path !== 'string' || path.trim() === '') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'A WeChat file is a path string, { url }, { tempFilePath, size } (chooseMedia / chooseVideo) or { path, size } (chooseMessageFile / chooseImage).',
      { field: 'input' },
    )
  }
  const size =
    typeof input === 'object' && input !== null ? (input as { size?: unknown }).size : undefined
  const name = path.slice(path.lastIndexOf('/') + 1) || path
  return {
    path,
    name,
    ...(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
  }
}
