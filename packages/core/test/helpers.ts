import { createUploader, type UploaderOptions } from '@vodup/core'
import {
  type MemoryTargetOptions,
  memoryAuth,
  memoryTarget,
  memoryTransport,
} from '@vodup/core/testing'

/** Deterministic pseudo-random bytes. */
export function bytesOf(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

export const KiB = 1024

/** An uploader over the in-memory stack, with its parts exposed. */
export function memoryStack(
  options: UploaderOptions = {},
  auth = memoryAuth(),
  targetOptions: MemoryTargetOptions = {},
) {
  const transport = memoryTransport()
  const target = memoryTarget(targetOptions)
  const uploader = createUploader([transport, target, auth], {
    partSize: 100 * KiB,
    ...options,
  })
  return { uploader, transport, target, auth }
}

/** Records hook calls by name, in order. */
export function recordEvents(uploader: ReturnType<typeof createUploader>): string[] {
  const events: string[] = []
  const h = uploader.hooks
  h.fileAdded.tap('test', (f) => events.push(`added:${f.name}`))
  h.fileStarted.tap('test', (f) => events.push(`started:${f.name}`))
  h.partUploaded.tap('test', (f, p) => events.push(`part:${f.name}:${p.n}`))
  h.fileSucceeded.tap('test', (f) => events.push(`succeeded:${f.name}`))
  h.fileFailed.tap('test', (f, e) => events.push(`failed:${f.name}:${e.code}`))
  h.fileCanceled.tap('test', (f) => events.push(`canceled:${f.name}`))
  h.fileStopped.tap('test', (f) => events.push(`stopped:${f.name}`))
  h.end.tap('test', () => events.push('end'))
  return events
}

/** A retry policy for tests: retries retryable errors up to `retries` times, at once. */
export function testRetryPolicy(retries = 5): import('@vodup/core').UploaderPlugin {
  return {
    name: 'test-retry',
    apply(kernel) {
      kernel.provideRetryPolicy({
        async run(attempt, context) {
          for (let n = 1; ; n++) {
            try {
              return await attempt(n)
            } catch (error) {
              const e = error as import('@vodup/core').UploadError
              if (!e.retryable || n > retries || context.signal.aborted) throw error
            }
          }
        },
      })
    },
  }
}

/** Waits until `condition` holds, polling. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting for a condition.')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

/** UploadPart calls that succeeded, per upload id and part number. */
export function acknowledgedParts(
  calls: Array<{ operation: string; uploadId?: string; partNumber?: number; outcome: string }>,
) {
  const counts = new Map<string, number>()
  for (const call of calls) {
    if (call.operation !== 'UploadPart' || call.outcome !== 'ok') continue
    const key = `${call.uploadId}#${call.partNumber}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** True when both byte arrays hold the same bytes (toEqual is slow on large arrays). */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
