import type { Emulator } from '@vodup/emulator'
import type { Page } from 'playwright-core'
import { appServer, encodeJson, type VodUploadAnswer } from '#test-support'

/** Options of {@link exposeAppServer}. */
export interface AppServerBindingOptions {
  /**
   * The OSS endpoint the UploadAddress names instead of the emulator's URL, e.g. `http://localhost:<port>` for a
   * client that puts the bucket in the host name (the browser must then resolve `*.localhost`).
   */
  ossEndpoint?: string
}

/** The answer with its UploadAddress's `Endpoint` replaced. */
function withEndpoint(answer: VodUploadAnswer, endpoint: string): VodUploadAnswer {
  const address = JSON.parse(Buffer.from(answer.UploadAddress, 'base64').toString('utf8'))
  return { ...answer, UploadAddress: encodeJson({ ...address, Endpoint: endpoint }) }
}

/**
 * Gives the page its app server: `vodupAppServer(action, argument)` runs in Node with the emulator's account keys
 * (CreateUploadVideo, RefreshUploadVideo, AssumeRole), as a real app's server would; `expireTokens` plays the
 * clock running out. Bindings survive reloads.
 */
export async function exposeAppServer(
  page: Page,
  emulator: Emulator,
  options: AppServerBindingOptions = {},
) {
  const server = appServer(emulator)
  const address = (answer: VodUploadAnswer) =>
    options.ossEndpoint ? withEndpoint(answer, options.ossEndpoint) : answer
  await page.exposeFunction('vodupAppServer', async (action: string, argument?: string) => {
    switch (action) {
      case 'createUploadVideo':
        return address(await server.createUploadVideo(argument ?? 'video.mp4'))
      case 'refreshUploadVideo':
        return address(await server.refreshUploadVideo(argument ?? ''))
      case 'assumeRole':
        return server.assumeRole()
      case 'expireTokens':
        emulator.faults.expireAllTokens()
        return {}
      default:
        throw new Error(`No app server action ${action}.`)
    }
  })
  return server
}
