import type { UploaderPlugin } from '@vodup/core'
import { credentialFlow } from '@vodup/vod'
import { type StsOptions, validateStsOptions } from './options'
import { StsTokenSource } from './sts-token-source'

const NAME = 'auth-sts'

/** The `auth-sts` plugin. */
export interface StsPlugin extends UploaderPlugin {
  readonly name: typeof NAME
}

/**
 * The STS credential strategy: the app supplies STS credentials and the plugin itself calls the VOD OpenAPI
 * through the transport (so it works in mini programs): CreateUploadVideo, CreateUploadImage for images,
 * RefreshUploadVideo for a file with a video id and whenever the OSS credentials VOD issued expire. One token
 * serves every file; it is fetched again shortly before it expires and when VOD refuses it.
 *
 * @example
 * ```ts
 * const uploader = createUploader([
 *   wxTransport(),
 *   ossTarget(),
 *   sts({ region: 'cn-shanghai', getSTSToken: () => api.get('/sts-token') }),
 * ])
 * await uploader.upload({ url: tempFilePath }, { meta: { userData: '{"Vod":{"Title":"Holiday"}}' } })
 * ```
 */
export function sts(options: StsOptions): StsPlugin {
  const endpoint = validateStsOptions(options)
  let source: StsTokenSource | undefined
  return credentialFlow({
    name: NAME,
    allowPlainHttp: options.allowPlainHttp,
    vodEndpoint: () => endpoint,
    async ask({ reason, refused }, kernel) {
      source ??= new StsTokenSource(options.getSTSToken, () => kernel.options.refreshAheadMs)
      const token = reason === 'token-expired' ? await source.renew(refused) : await source.usable()
      return { kind: 'sts', token }
    },
  })
}
