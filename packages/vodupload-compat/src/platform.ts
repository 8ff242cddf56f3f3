import type { UploaderPlugin } from '@vodup/core'

/** What the platform's transport is asked for. */
export interface PlatformTransportOptions {
  /** VODUpload's `parallel`, when the app set it: the transport must allow that many requests at once. */
  parallel?: number
}

/** Where a VODUpload runs: WeChat (transport-wx) or Node (transport-node). */
export interface VODUploadPlatform {
  /** A fresh transport plugin for one VODUpload instance. */
  transport(options: PlatformTransportOptions): UploaderPlugin
  /** The most parts the platform sends at once; a larger `parallel` is lowered to it. Default: no limit. */
  maxParallel?: number
  /** A fresh target plugin; default OSS (`ossTarget()`). */
  target?(): UploaderPlugin
}
