import { statSync } from 'node:fs'
import { extname } from 'node:path'
import type { WxDoubleApi } from './api-types'
import { type CallbackOption, deliverOrPromise, type Outcome } from './callbacks'
import type { TempFiles } from './temp-files'

type ChooserApi = Pick<
  WxDoubleApi,
  'chooseMedia' | 'chooseVideo' | 'chooseImage' | 'chooseMessageFile'
>
type Failure = WechatMiniprogram.GeneralCallbackResult

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.3gp', '.avi', '.mkv', '.flv', '.webm'])
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp', '.heic'])

/** What the user "picks" in the next chooser call: paths created with the double's `files.create`. */
export class Choosers {
  private readonly picks: string[][] = []

  constructor(private readonly files: TempFiles) {}

  /** Queues the files the next chooser call returns; a call with nothing queued fails as if the user canceled. */
  queue(paths: string | string[]): void {
    this.picks.push(typeof paths === 'string' ? [paths] : [...paths])
  }

  /** Picks still queued. */
  get pending(): number {
    return this.picks.length
  }

  api(): ChooserApi {
    return {
      chooseMedia: (option) =>
        this.answer('chooseMedia', option, (paths) => ({
          tempFiles: paths.slice(0, option.count ?? 9).map((path) => this.mediaFile(path)),
          type: paths.every((p) => this.kind(p) === 'image') ? 'image' : 'video',
          errMsg: 'chooseMedia:ok',
        })),
      chooseVideo: (option) =>
        this.answer('chooseVideo', option, (paths) => ({
          tempFilePath: paths[0],
          size: this.size(paths[0]),
          duration: 10,
          width: 1280,
          height: 720,
          errMsg: 'chooseVideo:ok',
        })),
      chooseImage: (option) =>
        this.answer('chooseImage', option, (paths) => {
          const chosen = paths.slice(0, option?.count ?? 9)
          return {
            tempFilePaths: chosen,
            tempFiles: chosen.map((path) => ({ path, size: this.size(path) })),
            errMsg: 'chooseImage:ok',
          }
        }),
      chooseMessageFile: (option) =>
        this.answer('chooseMessageFile', option, (paths) => ({
          tempFiles: paths.slice(0, option.count).map((path) => ({
            path,
            size: this.size(path),
            name: path.slice(path.lastIndexOf('/') + 1),
            type: this.kind(path),
            time: Math.floor(Date.now() / 1000),
          })),
          errMsg: 'chooseMessageFile:ok',
        })),
    }
  }

  private answer<S>(
    api: string,
    option: CallbackOption<S, Failure> | undefined,
    build: (paths: string[]) => S,
  ): never {
    const paths = this.picks.shift()
    const outcome: Outcome<S, Failure> = paths
      ? { ok: true, value: build(paths) }
      : { ok: false, error: { errMsg: `${api}:fail cancel` } }
    return deliverOrPromise(option, outcome) as never
  }

  private mediaFile(path: string): WechatMiniprogram.MediaFile {
    const video = this.kind(path) === 'video'
    return {
      tempFilePath: path,
      size: this.size(path),
      fileType: video ? 'video' : 'image',
      duration: video ? 10 : 0,
      width: 1280,
      height: 720,
      thumbTempFilePath: video
        ? this.files.create(Buffer.from('thumbnail'), { name: 'thumb.jpg' })
        : '',
    }
  }

  private kind(path: string): 'video' | 'image' | 'file' {
    const ext = extname(path).toLowerCase()
    if (VIDEO_EXTENSIONS.has(ext)) return 'video'
    if (IMAGE_EXTENSIONS.has(ext)) return 'image'
    return 'file'
  }

  private size(path: string): number {
    const real = this.files.resolve(path)
    return real ? statSync(real).size : 0
  }
}
