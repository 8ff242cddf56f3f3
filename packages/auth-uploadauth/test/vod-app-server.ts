import { createRequire } from 'node:module'
import type { Emulator } from '@vodup/emulator'
import type { VodUploadResponse } from '../src/index'

const require = createRequire(import.meta.url)
const { RPCClient } = require('@alicloud/pop-core') as {
  RPCClient: new (
    config: Record<string, unknown>,
  ) => { request(action: string, params: object, options?: object): Promise<unknown> }
}

type VodAnswer = VodUploadResponse & { RequestId: string }

/**
 * What an app server does in UploadAuth mode, with the official OpenAPI client and the emulator's account keys:
 * CreateUploadVideo, RefreshUploadVideo, CreateUploadImage. Counts the calls.
 */
export function vodAppServer(emulator: Emulator) {
  const client = new RPCClient({
    endpoint: emulator.url,
    apiVersion: '2017-03-21',
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  })
  const calls: string[] = []
  const call = async (action: string, params: object) => {
    calls.push(action)
    return (await client.request(action, params, { method: 'GET' })) as VodAnswer
  }
  return {
    calls,
    createUploadVideo: (fileName: string) =>
      call('CreateUploadVideo', { Title: fileName, FileName: fileName }),
    refreshUploadVideo: (videoId: string) => call('RefreshUploadVideo', { VideoId: videoId }),
    createUploadImage: (extension: string) =>
      call('CreateUploadImage', { ImageType: 'default', ImageExt: extension }),
  }
}
