/** The Content-Type OSS stores when the extension is unknown. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream'

/**
 * Media types by lower-case extension (video, audio, image, subtitles and common documents), kept short for the
 * mini-program file: `type/` starts a group, then each entry is `extension` (the subtype is the extension) or
 * `extension=subtype`; `~` stands for `vnd.openxmlformats-officedocument.`.
 */
const TABLE = [
  'video/mp4 m4v=x-m4v mov=quicktime qt=quicktime avi=x-msvideo wmv=x-ms-wmv asf=x-ms-asf flv=x-flv f4v=x-f4v',
  'mkv=x-matroska webm mpg=mpeg mpeg ts=mp2t m2ts=mp2t mts=mp2t 3gp=3gpp 3g2=3gpp2 ogv=ogg vob=x-ms-vob',
  'audio/mp3=mpeg m4a=mp4 aac wav flac ogg oga=ogg opus wma=x-ms-wma amr ape mid=midi midi',
  'image/jpg=jpeg jpeg png gif webp bmp svg=svg+xml ico=x-icon tif=tiff tiff heic heif avif',
  'text/vtt ass=x-ssa txt=plain csv html htm=html css md=markdown',
  'application/rm=vnd.rn-realmedia rmvb=vnd.rn-realmedia-vbr m3u8=vnd.apple.mpegurl srt=x-subrip js=javascript',
  'json xml pdf doc=msword docx=~wordprocessingml.document xls=vnd.ms-excel xlsx=~spreadsheetml.sheet',
  'ppt=vnd.ms-powerpoint pptx=~presentationml.presentation zip gz=gzip tar=x-tar 7z=x-7z-compressed rar=vnd.rar',
  'apk=vnd.android.package-archive',
].join(' ')

let types: Map<string, string> | undefined

/** {@link TABLE} read once, on first use. */
function typesByExtension(): Map<string, string> {
  if (types) return types
  types = new Map()
  let group = ''
  for (let entry of TABLE.split(' ')) {
    const slash = entry.indexOf('/') + 1
    if (slash > 0) {
      group = entry.slice(0, slash)
      entry = entry.slice(slash)
    }
    const [extension, subtype = extension] = entry.split('=')
    types.set(extension, group + subtype.replace('~', 'vnd.openxmlformats-officedocument.'))
  }
  return types
}

/**
 * The Content-Type for an object key or file name, from its extension (case-insensitive);
 * `application/octet-stream` when the extension is unknown or absent.
 */
export function contentTypeOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  if (dot <= 0 || dot === base.length - 1) return DEFAULT_CONTENT_TYPE
  const extension = base.slice(dot + 1).toLowerCase()
  return typesByExtension().get(extension) ?? DEFAULT_CONTENT_TYPE
}
