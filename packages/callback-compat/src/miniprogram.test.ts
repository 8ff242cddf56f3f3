import { expect, it } from 'vitest'
import { loadInMiniProgram } from '#test-support'

it('runs in a mini-program context without code generation', async () => {
  const outcome: { value?: unknown } = {}
  await loadInMiniProgram(
    `
    import { createUploader } from '@vodup/core'
    import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
    import { callbackCompat } from '@vodup/callback-compat'
    const transport = memoryTransport()
    const seen = []
    const uploader = createUploader(
      [
        transport,
        memoryTarget(),
        memoryAuth(),
        callbackCompat({
          addFileSuccess: (info) => seen.push('added:' + info.state),
          onUploadstarted: (info) => seen.push('started:' + info.state),
          onUploadProgress: (info, total, loaded) => seen.push('progress:' + total + ':' + loaded),
          onUploadSucceed: (info) => seen.push('succeeded:' + info.state),
          onUploadEnd: (info) => report({ seen, loaded: info.loaded }),
        }),
      ],
      { partSize: 100 * 1024, concurrency: 1 },
    )
    uploader.addFile(transport.putFile('a.mp4', new Uint8Array(200 * 1024)))
    uploader.start()
    `,
    { report: (value: unknown) => (outcome.value = value) },
  )
  await expect.poll(() => outcome.value).toBeDefined()
  expect(outcome.value).toEqual({
    seen: [
      'added:Ready',
      'started:Uploading',
      'progress:204800:0',
      'progress:204800:0.5',
      'progress:204800:0.99',
      'progress:204800:1',
      'succeeded:Success',
    ],
    loaded: 1,
  })
})
