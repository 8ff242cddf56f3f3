import { createUploader, type UploaderOptions } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'

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
export function memoryStack(options: UploaderOptions = {}, auth = memoryAuth()) {
  const transport = memoryTransport()
  const target = memoryTarget()
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
