import type { HttpRequest } from '@vodup/core'
import { nodeTransport } from '@vodup/transport-node'
import { callVodApi } from '@vodup/vod'
import { expect, it } from 'vitest'
import { appServer, loadInMiniProgram, memoryStore, useEmulator } from '#test-support'

const emulator = useEmulator()

const hostTransport = nodeTransport({ store: memoryStore() }).transport
const hostRequest = (request: HttpRequest) => hostTransport.request(request)

it('signs and calls VOD from a mini-program context without code generation', async () => {
  const token = await appServer(emulator).assumeRole()
  const outcome: { value?: Record<string, unknown>; error?: unknown } = {}
  await loadInMiniProgram(
    `
    import { createUploader } from '@vodup/core'
    import { memoryTarget, memoryTransport } from '@vodup/core/testing'
    import { sts } from '@vodup/auth-sts'
    import { parseUserData, percentEncode, signRpcRequest } from '@vodup/vod'

    const vector = signRpcRequest({
      AccessKeyId: 'testAccessKeyId', Action: 'GetVideoPlayAuth', Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1', SignatureNonce: '8f8a035d-6496-4268-afd4-67c22837e38d',
      SignatureVersion: '1.0', Timestamp: '2017-10-10T12:02:54Z', Version: '2017-03-21',
      VideoId: '5aed81b74ba84920be578cdfe004af4b',
    }, 'testAccessKeySecret').signature

    const transport = memoryTransport()
    transport.transport.request = hostRequest
    const target = memoryTarget()
    const uploader = createUploader(
      [transport, target, sts({ endpoint, getSTSToken: async () => token })],
      { partSize: 100 * 1024 },
    )
    uploader
      .upload(transport.putFile('movie.mp4', new Uint8Array(150 * 1024)), {
        meta: { userData: '{"Vod":{"Title":"小程序 上传 (1)*"}}' },
      })
      .then((result) => report({
        vector,
        encoded: percentEncode('视频 *'),
        vod: parseUserData('{"Vod":{"__proto__":{"x":1},"CateId":7}}'),
        polluted: ({}).x,
        videoId: result.videoId,
        stored: target.objects.size,
      }))
      .catch(fail)
    `,
    {
      hostRequest,
      endpoint: emulator.url,
      token,
      report: (value: Record<string, unknown>) => {
        outcome.value = JSON.parse(JSON.stringify(value))
      },
      fail: (error: unknown) => {
        outcome.error = error
      },
    },
  )
  await expect.poll(() => outcome.value ?? outcome.error, { timeout: 10_000 }).toBeDefined()
  expect(outcome.error).toBeUndefined()
  expect(outcome.value).toMatchObject({
    vector: 'Ibgh7y8Vp47LBuAsf5Xhi1SvDss=',
    encoded: '%E8%A7%86%E9%A2%91%20%2A',
    vod: { CateId: 7 },
    stored: 1,
  })
  expect(outcome.value?.polluted).toBeUndefined()
  const info = await callVodApi(hostRequest, {
    action: 'GetVideoInfo',
    params: { VideoId: outcome.value?.videoId as string },
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    endpoint: emulator.url,
  })
  expect((info.Video as { Title: string }).Title).toBe('小程序 上传 (1)*')
})
