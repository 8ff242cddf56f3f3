import { describe, expect, it } from 'vitest'
import { KiB, patternBytes } from '#test-support'
import { memoryStack } from './helpers'

describe('canceling after a credential refresh', () => {
  it('aborts the server upload with the refreshed credentials, not the expired ones', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 1 })
    const file = uploader.addFile(transport.putFile('r.mp4', patternBytes(500 * KiB)))
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      parts++
      if (parts === 1) target.expireTokens()
      if (parts === 2) void uploader.cancelFile(file.id)
    })
    const warnings: string[] = []
    uploader.hooks.warning.tap('test', (error) => {
      warnings.push(error.code)
    })
    await uploader.start()
    expect(file.state).toBe('canceled')
    expect(warnings).toEqual([])
    const abort = target.calls.filter((c) => c.operation === 'AbortMultipartUpload')
    expect(abort).toMatchObject([{ outcome: 'ok', token: 'token-2' }])
    expect(target.uploads.size).toBe(0)
  })
})
