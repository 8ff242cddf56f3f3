import { UploadError } from '@vodup/core'
import type { StsCredentials, UploadCredentials, VodClient } from './vod-client'

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif'])

/** The body of `POST /upload-auth`. */
export interface UploadAuthRequest {
  /** The file's name with its extension; VOD checks the extension. Not needed with `videoId`. */
  fileName?: string
  /** The media title. Default: the file name. */
  title?: string
  /** An image (CreateUploadImage) rather than a video. Default: guessed from the extension. */
  isImage?: boolean
  /** Continue this video (RefreshUploadVideo) instead of creating one. */
  videoId?: string
  /** VOD UserData (a JSON string), for new videos. */
  userData?: string
}

function invalid(field: string, message: string): never {
  throw new UploadError('INVALID_ARGUMENT', `"${field}" ${message}`, { field })
}

function optionalText(
  body: Record<string, unknown>,
  field: string,
  max = 1024,
): string | undefined {
  const value = body[field]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') invalid(field, 'must be a string.')
  if (value.length > max) invalid(field, `must be at most ${max} characters.`)
  return value
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase()
}

/** `POST /upload-auth`: UploadAuth and UploadAddress for one file, from CreateUploadVideo, RefreshUploadVideo or CreateUploadImage. */
export async function uploadAuth(
  vod: VodClient,
  body: Record<string, unknown>,
): Promise<UploadCredentials> {
  const videoId = optionalText(body, 'videoId', 64)
  if (videoId) return vod.refreshUploadVideo(videoId)
  const fileName = optionalText(body, 'fileName', 255) ?? invalid('fileName', 'is required.')
  if (!extensionOf(fileName)) invalid('fileName', 'needs an extension, such as .mp4 or .jpg.')
  const title = optionalText(body, 'title', 128) ?? fileName
  if (body.isImage !== undefined && typeof body.isImage !== 'boolean')
    invalid('isImage', 'must be true or false.')
  const isImage =
    (body.isImage as boolean | undefined) ?? IMAGE_EXTENSIONS.has(extensionOf(fileName))
  if (isImage) {
    const imageExt = extensionOf(fileName)
    if (!IMAGE_EXTENSIONS.has(imageExt))
      invalid('fileName', 'must end in .png, .jpg, .jpeg or .gif for an image.')
    return vod.createUploadImage({ title, imageExt })
  }
  return vod.createUploadVideo({ title, fileName, userData: optionalText(body, 'userData', 4096) })
}

/** `POST /sts-token`: temporary credentials of the configured role, for clients that use `@vodup/auth-sts`. */
export async function stsToken(
  vod: VodClient,
  roleArn: string,
  body: Record<string, unknown>,
): Promise<StsCredentials> {
  const sessionName = optionalText(body, 'sessionName', 64) ?? 'vodup-client'
  if (!/^[\w.@-]{2,64}$/.test(sessionName))
    invalid('sessionName', 'may hold letters, digits and . @ - _ only.')
  return vod.assumeRole(roleArn, sessionName)
}
