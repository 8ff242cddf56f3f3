import type { Emulator } from '@vodup/emulator'
import type { Page } from 'playwright-core'
import { appServer } from '#test-support'

/**
 * Gives the page its app server: `vodupAppServer(action, argument)` runs in Node with the emulator's account keys
 * (CreateUploadVideo, RefreshUploadVideo, AssumeRole), as a real app's server would; `expireTokens` plays the
 * clock running out. Bindings survive reloads.
 */
export async function exposeAppServer(page: Page, emulator: Emulator) {
  const server = appServer(emulator)
  await page.exposeFunction('vodupAppServer', async (action: string, argument?: string) => {
    switch (action) {
      case 'createUploadVideo':
        return server.createUploadVideo(argument ?? 'video.mp4')
      case 'refreshUploadVideo':
        return server.refreshUploadVideo(argument ?? '')
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
