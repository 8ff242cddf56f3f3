import { type FileTask, UploadError } from '@vodup/core'

const IMAGE_NAME = /\.(jpe?g|png|gif|webp|bmp|heic)$/i

/** True for an image (VOD CreateUploadImage): `file.meta.isImage` when set, else the file name's extension. */
export function isImageFile(file: Pick<FileTask, 'name' | 'meta'>): boolean {
  const flag = file.meta.isImage
  if (typeof flag === 'boolean') return flag
  return IMAGE_NAME.test(file.name)
}

/** Throws `EMPTY_FILE` for a zero-byte file: VOD refuses empty videos and images. */
export function assertNotEmpty(file: Pick<FileTask, 'name' | 'size' | 'meta'>): void {
  if (file.size !== 0) return
  const kind = isImageFile(file) ? 'image' : 'video'
  throw new UploadError(
    'EMPTY_FILE',
    `"${file.name}" is empty; VOD does not accept an empty ${kind}.`,
  )
}
