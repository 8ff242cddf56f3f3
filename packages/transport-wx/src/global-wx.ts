import { UploadError } from '@vodup/core'
import type { WxLike } from './wx-api'

declare const wx: WxLike | undefined

/** The mini program's global `wx`, looked up only when needed (importing this package in Node is fine). */
export function globalWx(): WxLike {
  const found = typeof wx === 'undefined' ? undefined : wx
  if (!found || typeof found.request !== 'function') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'No global wx object: outside WeChat, pass one with wxTransport({ wx }) (uni-app, Taro and QQ pass theirs).',
      { field: 'wx' },
    )
  }
  return found
}
