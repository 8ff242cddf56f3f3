import { open, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import {
  type FileSource,
  type HttpResponse,
  type Transport,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'

/**
 * A minimal real-HTTP Node transport for tests of packages that come before @vodup/transport-node: fetch for
 * requests, fs for ranged reads, a Map for checkpoints. Inputs are `{ path }`.
 */
export function nodeTestTransport(storage = new Map<string, string>()): UploaderPlugin & {
  transport: Transport
  storage: Map<string, string>
} {
  const transport: Transport = {
    name: 'node-test',
    capabilities: { uploadProgress: false, maxConcurrency: 16 },
    store: {
      get: async (key) => storage.get(key),
      set: async (key, value) => {
        storage.set(key, value)
      },
      remove: async (key) => {
        storage.delete(key)
      },
    },
    async request(request): Promise<HttpResponse> {
      const controller = new AbortController()
      const off = request.signal?.onAbort((reason) => controller.abort(reason))
      const timer = setTimeout(
        () => controller.abort(new UploadError('TIMEOUT', 'Request timed out.')),
        request.timeoutMs ?? 60_000,
      )
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body as string | Uint8Array | undefined,
          signal: controller.signal,
        })
        const headers: Record<string, string> = {}
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value
        })
        const body = await response.text()
        request.onUploadProgress?.(
          typeof request.body === 'string' ? request.body.length : (request.body?.length ?? 0),
        )
        return { status: response.status, headers, body }
      } catch (error) {
        if (controller.signal.aborted) throw controller.signal.reason
        throw new UploadError('NETWORK', `Request failed: ${(error as Error).message}`, {
          cause: error,
        })
      } finally {
        clearTimeout(timer)
        off?.()
      }
    },
    identify(input) {
      const path = (input as { path?: unknown })?.path
      if (typeof path !== 'string' || !path) {
        throw new UploadError('INVALID_ARGUMENT', 'A file input is { path }.', { field: 'input' })
      }
      return { key: resolve(path), name: basename(path) }
    },
    async openFile(input): Promise<FileSource> {
      const path = resolve((input as { path: string }).path)
      const info = await stat(path).catch((error) => {
        throw new UploadError('FILE_NOT_FOUND', `No file at ${path}.`, { cause: error })
      })
      const handle = await open(path, 'r')
      return {
        size: info.size,
        name: basename(path),
        lastModified: info.mtimeMs,
        async read(start, end) {
          const buffer = new Uint8Array(end - start)
          const { bytesRead } = await handle.read(buffer, 0, end - start, start)
          return buffer.subarray(0, bytesRead)
        },
        close: () => handle.close(),
      }
    },
  }
  return {
    name: 'node-test-transport',
    apply: (kernel) => kernel.provideTransport(transport),
    transport,
    storage,
  }
}
