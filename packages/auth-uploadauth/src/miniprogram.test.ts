import { expect, it } from 'vitest'
import { loadInMiniProgram, uploadAddressFor, uploadAuthFor } from '#test-support'

it('decodes credentials and uploads in a mini-program context without code generation', async () => {
  const outcome: { value?: unknown; error?: unknown } = {}
  await loadInMiniProgram(
    `
    import { base64Encode, createUploader, utf8Encode } from '@vodup/core'
    import { memoryTarget, memoryTransport } from '@vodup/core/testing'
    import { uploadAuth } from '@vodup/auth-uploadauth'
    import { decodeAnswer } from '@vodup/vod'

    const encode = (value) => base64Encode(utf8Encode(JSON.stringify(value)))
    const decoded = decodeAnswer({
      uploadAuth: encode({ AccessKeyId: 'STS.id', AccessKeySecret: 's', SecurityToken: 't',
        Expiration: '3000', Region: 'cn-beijing' }),
      uploadAddress: encode({ Endpoint: 'oss-cn-beijing.aliyuncs.com', Bucket: 'outin-mp', FileName: 'sv/视频.mp4' }),
    }, 1000)
    let malformed
    try {
      decodeAnswer({ uploadAuth: encode({ AccessKeyId: 'STS.id' }), uploadAddress: answer.uploadAddress })
    } catch (error) {
      malformed = { code: error.code, field: error.field }
    }

    const transport = memoryTransport()
    const target = memoryTarget()
    const asked = []
    const plugin = uploadAuth({
      getUploadAuth: (file) =>
        new Promise((resolve) => setTimeout(() => {
          asked.push(file.name)
          resolve(answer)
        }, 1)),
    })
    const uploader = createUploader([transport, target, plugin], { partSize: 100 * 1024 })
    uploader
      .upload(transport.putFile('movie.mp4', new Uint8Array(250 * 1024)))
      .then((result) => report({
        destination: decoded.destination,
        expiresAt: decoded.credentials.expiresAt,
        malformed,
        asked,
        videoId: result.videoId,
        stored: target.objects.get('outin-test/sv/abc/abc.mp4').length,
      }))
      .catch(fail)
    `,
    {
      answer: { uploadAuth: uploadAuthFor(), uploadAddress: uploadAddressFor(), videoId: 'v-mp' },
      report: (value: unknown) => {
        outcome.value = JSON.parse(JSON.stringify(value))
      },
      fail: (error: unknown) => {
        outcome.error = error
      },
    },
  )
  await expect.poll(() => outcome.value ?? outcome.error).toBeDefined()
  expect(outcome.error).toBeUndefined()
  expect(outcome.value).toEqual({
    destination: {
      endpoint: 'https://oss-cn-beijing.aliyuncs.com',
      bucket: 'outin-mp',
      objectKey: 'sv/视频.mp4',
      region: 'cn-beijing',
    },
    expiresAt: 1000 + 3_000_000,
    malformed: { code: 'AUTH_INVALID', field: 'UploadAuth.AccessKeySecret' },
    asked: ['movie.mp4'],
    videoId: 'v-mp',
    stored: 250 * 1024,
  })
})
