import type { VodCallbacks } from '@vodup/callback-compat'
import { memoryTarget, memoryTransport } from '@vodup/core/testing'
import { VODUploadCore, type VODUploadOptions } from '../../src/index'

/** A VODUpload on the in-memory transport and target of @vodup/core/testing. */
export function memoryVODUpload(options: VODUploadOptions = {}, callbacks: VodCallbacks = {}) {
  const transport = memoryTransport()
  const target = memoryTarget()
  const uploader = new VODUploadCore(
    { partSize: 100 * 1024, parallel: 2, retryDuration: 0.001, ...options, ...callbacks },
    { transport: () => transport, target: () => target },
  )
  return { uploader, transport, target }
}
