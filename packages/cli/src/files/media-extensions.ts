/**
 * The file name extensions VOD takes (its "supported formats" page): video and audio through CreateUploadVideo,
 * images through CreateUploadImage. Any other name is refused by VOD, so the command refuses it before sending.
 */
const VIDEO_AND_AUDIO = new Set(
  (
    '3gp asf avi dat dv f4v flv gif m2t m2ts m3u8 m4v mj2 mjpeg mkv mov mp4 mpe mpeg mpg mts mxf ogg qt rm rmvb ' +
    'swf ts vob webm wmv aac ac3 acm amr ape caf flac m4a mp3 ra wav wma'
  ).split(' '),
)
const IMAGES = new Set(['png', 'jpg', 'jpeg', 'gif'])

/** The lower-case extension of a file name, or undefined. */
export function extensionOf(name: string): string | undefined {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
}

/** True when VOD takes a file of this name (as a video, an audio or an image). */
export function isVodMedia(name: string): boolean {
  const extension = extensionOf(name)
  return extension !== undefined && (VIDEO_AND_AUDIO.has(extension) || IMAGES.has(extension))
}
