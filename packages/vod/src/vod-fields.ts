import type { AddRequest } from '@vodup/core'

/**
 * The VOD fields of a file, declared into `@vodup/core` (which knows no cloud): the media ids a file gets from
 * CreateUploadVideo / RefreshUploadVideo / CreateUploadImage, flat on the file and its result (`file.videoId`,
 * `result.imageUrl`) and kept in its checkpoint, and the `meta` keys the VOD layer reads.
 */
declare module '@vodup/core' {
  interface FileExtensions {
    /** The VOD video the file uploads into; known once authorized, or from the file's checkpoint. */
    videoId?: string
    /** The VOD image the file uploads into (CreateUploadImage). */
    imageId?: string
    /** Where the uploaded image is served. */
    imageUrl?: string
  }
  interface FileMeta {
    /** VOD userData: a JSON string such as `{"Vod":{"Title":"..."}}`. */
    userData?: string
    /** Marks the file as an image (CreateUploadImage) instead of a video; guessed from the name if absent. */
    isImage?: boolean
    /** A VOD video id to continue (RefreshUploadVideo instead of CreateUploadVideo). */
    videoId?: string
    /** VOD parameters given as an object instead of userData (`{ Title, CateId, ... }`). */
    vod?: Record<string, unknown>
  }
}

/**
 * A `beforeAdd` step: a file added with `meta.videoId` starts with that `videoId` (so it continues that video
 * through RefreshUploadVideo, and apps see it on the file from the start).
 */
export function withMetaVideoId(request: AddRequest): AddRequest {
  const { videoId } = request.meta
  if (typeof videoId !== 'string' || videoId === '') return request
  return { ...request, extensions: { ...request.extensions, videoId } }
}
