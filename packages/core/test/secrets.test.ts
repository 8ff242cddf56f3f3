import { UploadError } from '@vodup/core'
import { memoryAuth } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { KiB, patternBytes, until } from '#test-support'
import { memoryStack } from './helpers'

describe('secrets', () => {
  it('never appear in hook payloads, checkpoints, logs or errors', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 2 }, memoryAuth(), {
      delay: 3,
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
    const file = uploader.addFile(transport.putFile('s.mp4', patternBytes(500 * KiB)))
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
