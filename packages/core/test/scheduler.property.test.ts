import { createUploader, type ProgressSnapshot, UploadError } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KiB, patternBytes, sameBytes, until } from '#test-support'
import { testRetryPolicy } from './helpers'

/** A small seeded PRNG, so each generated case replays exactly. */
function prng(seed: number) {
  let x = seed >>> 0 || 7
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 2 ** 32
  }
}

const scenario = fc.record({
  size: fc.integer({ min: 0, max: 1_500_000 }),
  partSize: fc.integer({ min: 100 * KiB, max: 300 * KiB }),
  concurrency: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 }),
  failRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  expireAfterPart: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  stopAfterPart: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  cancelAfterPart: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
})

describe('scheduler and progress under random delays, failures, expiry, stops and cancels', () => {
  it('never exceeds concurrency, acknowledges each part once, and ends with the exact bytes', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const random = prng(s.seed)
        const transport = memoryTransport({ readDelay: () => Math.floor(random() * 3) })
        const target = memoryTarget({
          delay: () => Math.floor(random() * 4),
          fault: (operation) =>
            operation !== 'AbortMultipartUpload' && random() < s.failRate
              ? new UploadError('NETWORK', 'connection reset')
              : undefined,
        })
        const uploader = createUploader([transport, target, memoryAuth(), testRetryPolicy(1000)], {
          partSize: s.partSize,
          concurrency: s.concurrency,
          progressIntervalMs: 0,
        })
        const bytes = patternBytes(s.size, s.seed)
        const file = uploader.addFile(transport.putFile('p.bin', bytes))
        const progress: ProgressSnapshot[] = []
        const states: string[] = []
        uploader.hooks.progress.tap('test', (_f, p) => progress.push({ ...p, percent: p.percent }))
        uploader.hooks.stateChanged.tap('test', (f) => states.push(f.state))
        let parts = 0
        const interruptions: Array<() => Promise<void>> = []
        uploader.hooks.partUploaded.tap('test', () => {
          parts++
          if (parts === s.expireAfterPart) target.expireTokens()
          if (parts === s.stopAfterPart) interruptions.push(() => uploader.stop())
          if (parts === s.cancelAfterPart) {
            interruptions.push(() =>
              uploader.cancelFile(file.id).catch((error: UploadError) => {
                if (file.state !== 'success') throw error
              }),
            )
          }
        })

        for (let round = 0; round < 10 && file.state !== 'success'; round++) {
          const run = uploader.start()
          await until(
            () => !uploader.running || interruptions.length > 0,
            'the run to end or be interrupted',
            30_000,
          )
          const interrupt = interruptions.shift()
          if (interrupt) await interrupt()
          await run
          if (file.state === 'canceled') uploader.resumeFile(file.id)
        }

        expect(file.state).toBe('success')
        expect(sameBytes(target.objects.get('test-bucket/uploads/p.bin'), bytes)).toBe(true)
        const effectivePartSize = Math.max(s.partSize, 100 * KiB)
        expect(target.peaks.partBytes).toBeLessThanOrEqual(s.concurrency * effectivePartSize)
        const partCalls = target.calls.filter((c) => c.operation === 'UploadPart')
        const acked = new Map<string, number>()
        for (const call of partCalls) {
          const key = `${call.uploadId}#${call.partNumber}`
          if (call.outcome === 'ok') {
            acked.set(key, (acked.get(key) ?? 0) + 1)
          }
        }
        for (const count of acked.values()) expect(count).toBe(1)
        for (const call of partCalls) {
          const key = `${call.uploadId}#${call.partNumber}`
          const firstOk = partCalls.findIndex(
            (c) => c.outcome === 'ok' && `${c.uploadId}#${c.partNumber}` === key,
          )
          const index = partCalls.indexOf(call)
          if (firstOk >= 0 && index > firstOk)
            throw new Error(`part ${key} was sent after it was acknowledged`)
        }

        const loaded = progress.map((p) => p.loaded)
        for (let i = 1; i < loaded.length; i++) {
          if (progress[i].fileId === progress[i - 1].fileId && s.cancelAfterPart === undefined) {
            expect(loaded[i]).toBeGreaterThanOrEqual(loaded[i - 1])
          }
        }
        expect(progress.at(-1)).toMatchObject({ loaded: s.size, total: s.size, percent: 100 })
        const early = progress.slice(0, -1).filter((p) => p.percent >= 100)
        expect(early).toEqual([])
        expect(states.at(-1)).toBe('success')
      }),
      { numRuns: 60 },
    )
  }, 120_000)
})
