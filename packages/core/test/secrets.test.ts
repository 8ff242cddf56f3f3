import { createUploader, UploadError } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { bytesOf, KiB, until } from './helpers'

describe('secrets', () => {
  it('never appear in hook payloads, checkpoints, logs or errors', async () => {
    const transport = memoryTransport()
    const target = memoryTarget({ delay: 3 })
    const uploader = createUploader([transport, target, memoryAuth()], {
      partSize: 100 * KiB,
      concurrency: 2,
    })
    const seen: unknown[] = []
    const hooks = uploader.hooks as unknown as Record<string, { intercept(i: object): void }>
    for (const name of Object.keys(hooks)) {
      if (name === 'authorize' || name === 'tokenExpired') continue
      hooks[name].intercept({ call: (...args: unknown[]) => seen.push(args) })
    }
    const checkpoints: string[] = []
    uploader.hooks.saveCheckpoint.tapPromise('spy', async (_f, cp) => {
      checkpoints.push(JSON.stringify(cp))
      return undefined
    })
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      if (++parts === 2) target.expireTokens()
    })
    target.failNext('CompleteMultipartUpload', () => new UploadError('SERVICE_ERROR', 'boom'))
    const file = uploader.addFile(transport.putFile('s.mp4', bytesOf(500 * KiB)))
    await uploader.start()
    expect(file.state).toBe('failure')
    await uploader.start()
    await until(() => file.state === 'success')

    const everything = JSON.stringify({
      seen,
      checkpoints,
      storage: [...transport.storage.values()],
      file,
    })
    expect(checkpoints.length).toBeGreaterThan(0)
    expect(everything).toContain('s.mp4')
    expect(everything).not.toMatch(/secret-\d|token-\d/)
  })
})
