import { randomBytes } from 'node:crypto'
import { mediaId } from '../ids.js'
import { rpcError } from './errors.js'
import type { MediaRecord } from './media-store.js'
import { isoSeconds, type RpcAction, type RpcDeps } from './rpc-deps.js'
import { uploadCredentials } from './upload-credentials.js'

const MEDIA_EXTENSIONS = new Set([
  // video
  '3gp',
  'asf',
  'avi',
  'dat',
  'dv',
  'f4v',
  'flv',
  'gif',
  'm2t',
  'm2ts',
  'm3u8',
  'm4v',
  'mj2',
  'mjpeg',
  'mkv',
  'mov',
  'mp4',
  'mpe',
  'mpeg',
  'mpg',
  'mts',
  'mxf',
  'ogg',
  'qt',
  'rm',
  'rmvb',
  'swf',
  'ts',
  'vob',
  'webm',
  'wmv',
  // audio
  'aac',
  'ac3',
  'acm',
  'amr',
  'ape',
  'caf',
  'flac',
  'm4a',
  'mp3',
  'ra',
  'wav',
  'wma',
])
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif'])
const IMAGE_TYPES = new Set(['default', 'cover'])
const OPTIONAL_VIDEO_PARAMS = [
  'FileSize',
  'Description',
  'CoverURL',
  'CateId',
  'Tags',
  'TemplateGroupId',
  'UserData',
  'StorageLocation',
  'WorkflowId',
  'AppId',
]

function required(params: Map<string, string>, name: string): string {
  const value = params.get(name)
  if (value === undefined || value === '') throw rpcError.missing(name)
  return value
}

function pick(params: Map<string, string>, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of names) {
    const value = params.get(name)
    if (value !== undefined) picked[name] = value
  }
  return picked
}

function findVideo(params: Map<string, string>, deps: RpcDeps): MediaRecord {
  const video = deps.media.get(required(params, 'VideoId'))
  if (video?.kind !== 'video') throw rpcError.videoNotFound()
  return video
}

/** `sv/<id>/<id>.<ext>`, shaped like the keys VOD assigns. */
function videoKey(extension: string, now: number): string {
  const id = `${randomBytes(4).toString('hex')}-${now.toString(16)}`
  return `sv/${id}/${id}.${extension}`
}

/** CreateUploadVideo: a new video and credentials to upload its source file. */
export const createUploadVideo: RpcAction = async (params, deps) => {
  const title = required(params, 'Title')
  const fileName = required(params, 'FileName')
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase()
  if (!extension || !MEDIA_EXTENSIONS.has(extension)) throw rpcError.fileExtension()
  const now = deps.clock.now()
  const video: MediaRecord = {
    id: mediaId(),
    kind: 'video',
    title,
    fileName,
    bucket: deps.bucket,
    key: videoKey(extension, now),
    createdAt: now,
    params: pick(params, OPTIONAL_VIDEO_PARAMS),
  }
  await deps.media.add(video)
  return { VideoId: video.id, ...(await uploadCredentials(video, deps)) }
}

/** RefreshUploadVideo: fresh credentials for the same video and the same upload address. */
export const refreshUploadVideo: RpcAction = async (params, deps) => {
  const video = findVideo(params, deps)
  return { VideoId: video.id, ...(await uploadCredentials(video, deps)) }
}

/** CreateUploadImage: a new image, its URLs and credentials to upload it. */
export const createUploadImage: RpcAction = async (params, deps) => {
  const imageType = params.get('ImageType') ?? 'default'
  if (!IMAGE_TYPES.has(imageType)) throw rpcError.invalidParameter('ImageType')
  const extension = (params.get('ImageExt') ?? 'png').toLowerCase()
  if (!IMAGE_EXTENSIONS.has(extension)) throw rpcError.invalidParameter('ImageExt')
  const id = mediaId()
  const image: MediaRecord = {
    id,
    kind: 'image',
    title: params.get('Title') ?? '',
    bucket: deps.bucket,
    key: `image/${imageType}/${id.toUpperCase()}-6-2.${extension}`,
    createdAt: deps.clock.now(),
    params: pick(params, [
      'ImageType',
      'ImageExt',
      'Tags',
      'StorageLocation',
      'CateId',
      'Description',
      'UserData',
    ]),
  }
  await deps.media.add(image)
  const url = `${deps.baseUrl()}/${image.bucket}/${image.key}`
  return { ImageId: id, ImageURL: url, FileURL: url, ...(await uploadCredentials(image, deps)) }
}

/** GetVideoInfo: `Uploading` until the source object exists, then `Normal` with its size. */
export const getVideoInfo: RpcAction = async (params, deps) => {
  const video = findVideo(params, deps)
  const object = deps.objects.getObject(video.bucket, video.key)
  const p = video.params
  return {
    Video: {
      VideoId: video.id,
      Title: video.title,
      Status: object ? 'Normal' : 'Uploading',
      Size: object?.size ?? Number(p.FileSize ?? 0),
      Duration: 0,
      CreationTime: isoSeconds(video.createdAt),
      ModificationTime: isoSeconds(object?.lastModified ?? video.createdAt),
      StorageLocation: `${video.bucket}.oss-${deps.region}.aliyuncs.com`,
      RegionId: deps.region,
      ...(p.Description ? { Description: p.Description } : {}),
      ...(p.CateId ? { CateId: Number(p.CateId) } : {}),
      ...(p.Tags ? { Tags: p.Tags } : {}),
      ...(p.CoverURL ? { CoverURL: p.CoverURL } : {}),
      ...(p.TemplateGroupId ? { TemplateGroupId: p.TemplateGroupId } : {}),
      ...(p.AppId ? { AppId: p.AppId } : { AppId: 'app-1000000' }),
    },
  }
}
