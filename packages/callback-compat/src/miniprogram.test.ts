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
  const { seen, loaded } = outcome.value as { seen: string[]; loaded: number }
  expect(loaded).toBe(1)
  expect(seen.slice(0, 3)).toEqual(['added:Ready', 'started:Uploading', 'progress:204800:0'])
  expect(seen.slice(-2)).toEqual(['progress:204800:1', 'succeeded:Success'])
  // Between them, part-level (and, on a slow machine, byte-level) progress: rising, below 1 until the end.
  const fractions = seen.slice(2, -1).map((entry) => Number(entry.split(':')[2]))
  expect([...fractions].sort((a, b) => a - b)).toEqual(fractions)
  expect(fractions).toContain(0.5)
  expect(fractions.slice(0, -1).every((f) => f <= 0.99)).toBe(true)
})
