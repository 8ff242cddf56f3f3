import { UploadError } from '@vodup/core'
import { memoryAuth } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { acknowledgedParts, KiB, patternBytes, until } from '#test-support'
import { memoryStack } from './helpers'

describe('platform events', () => {
  it('no part starts while the app is hidden; work continues when it is shown', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 2 }, memoryAuth(), {
      delay: 5,
    })
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => parts++)
    const file = uploader.addFile(transport.putFile('h.mp4', patternBytes(1000 * KiB)))
    const run = uploader.start()
    await until(() => parts >= 2)
    transport.hide()
    const callsAtHide = target.calls.length
    await new Promise((resolve) => setTimeout(resolve, 60))
    const startedWhileHidden = target.calls.length - callsAtHide
    expect(startedWhileHidden).toBeLessThanOrEqual(2)
    expect(file.state).toBe('uploading')
    transport.show()
    await run
    expect(file.state).toBe('success')
  })

  it('a network failure while offline is retried when the network returns, without a retry plugin', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 2 }, memoryAuth(), {
      delay: 3,
    })
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      // The other part is still in flight: it fails while the network is gone.
      if (++parts === 1) {
        transport.setOnline(false)
        target.failNext(
          'UploadPart',
          () => new UploadError('NETWORK', 'request:fail network changed'),
        )
        setTimeout(() => transport.setOnline(true), 30)
      }
    })
    const file = uploader.addFile(transport.putFile('n.mp4', patternBytes(400 * KiB)))
    await uploader.start()
    expect(file.state).toBe('success')
    expect(target.calls.some((c) => c.code === 'NETWORK')).toBe(true)
    for (const count of acknowledgedParts(target.calls).values()) expect(count).toBe(1)
  })
})
