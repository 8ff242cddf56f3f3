import { createUploader, type UploaderOptions, type UploaderPlugin } from '@vodup/core'
import {
  type MemoryTargetOptions,
  memoryAuth,
  memoryTarget,
  memoryTransport,
} from '@vodup/core/testing'
import { KiB } from '#test-support'

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

/** A retry policy for tests: retries retryable errors up to `retries` times in a row, at once. */
export function testRetryPolicy(retries = 5): UploaderPlugin {
  return {
    name: 'test-retry',
    apply(kernel) {
      kernel.provideRetryPolicy({
        decide: ({ error, streak }) => ({
          retry: error.retryable && streak <= retries,
          delayMs: 0,
        }),
      })
    },
  }
}
