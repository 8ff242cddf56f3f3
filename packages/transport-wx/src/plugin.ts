import type { UploaderPlugin } from '@vodup/core'
import { resolveOptions, type WxTransportOptions } from './options'
import { createWxTransport, type WxTransport } from './wx-transport'

/** The `transport-wx` plugin; `transport` is set once the plugin is applied. */
export interface WxTransportPlugin extends UploaderPlugin {
  readonly name: 'transport-wx'
  readonly transport: WxTransport | undefined
}

/**
 * The WeChat mini-program transport as a plugin. Options are checked at once (INVALID_ARGUMENT); the global `wx`
 * is looked up only when the plugin is applied, so importing this package elsewhere is harmless.
 *
 * @example
 * ```ts
 * const uploader = createUploader([wxTransport({ formUpload: { maxSize: 5 * 1024 * 1024 } }), ossTarget(), uploadAuth({ ... })])
 * const [media] = (await wx.chooseMedia({ mediaType: ['video'] })).tempFiles
 * await uploader.upload(media)
 * ```
 */
export function wxTransport(options: WxTransportOptions = {}): WxTransportPlugin {
  resolveOptions(options)
  let transport: WxTransport | undefined
  return {
    name: 'transport-wx',
    get transport() {
      return transport
    },
    apply(kernel) {
      transport = createWxTransport(options)
      kernel.provideTransport(transport)
      const created = transport
      return () => created.dispose()
    },
  }
}
