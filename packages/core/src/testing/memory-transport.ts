import { UploadError } from '../errors'
import { type HttpRequest, type HttpResponse, limitResponseBody } from '../http'
import type { UploaderPlugin } from '../plugin'
import type { FileSource, KeyValueStore, Transport, TransportCapabilities } from '../transport'

/** A file held in memory: `{ name }` is the input `addFile` takes. */
export interface MemoryFileInput {
  name: string
}

/** Options of {@link memoryTransport}. */
export interface MemoryTransportOptions {
  capabilities?: Partial<TransportCapabilities>
  /** Delay before each ranged read resolves, in ms (a number or a function of the range). */
  readDelay?: number | ((start: number, end: number) => number)
  /**
   * Answers requests (a server in the test); without it every request fails with `NETWORK`. Answers are cut to
   * the request's `maxResponseBytes` and marked `truncated`, as every transport must.
   */
  respond?: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>
}

/** A transport over in-memory files and an in-memory store, for kernel and plugin tests. */
export interface MemoryTransport extends UploaderPlugin {
  readonly transport: Transport
  /** The files by name; replace an entry to simulate a changed file. */
  readonly files: Map<string, { bytes: Uint8Array; lastModified: number }>
  /** The checkpoint store's content. */
  readonly storage: Map<string, string>
  /** Adds or replaces a file. */
  putFile(name: string, bytes: Uint8Array, lastModified?: number): MemoryFileInput
  /** Every ranged read so far. */
  readonly reads: Array<{ name: string; start: number; end: number }>
  /** Chunks that `read` returned and the kernel has not released yet. */
  readonly unreleased: Set<Uint8Array>
  /** Simulates the app going to the background / coming back, and the network going away / coming back. */
  hide(): void
  show(): void
  setOnline(online: boolean): void
}

function inputName(input: unknown): string {
  const name = (input as MemoryFileInput | undefined)?.name
  if (typeof input !== 'object' || input === null || typeof name !== 'string' || name === '') {
    throw new UploadError('INVALID_ARGUMENT', 'A memory file input is { name: string }.', {
      field: 'input',
    })
  }
  return name
}

/** Creates an in-memory transport plugin. */
export function memoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const files = new Map<string, { bytes: Uint8Array; lastModified: number }>()
  const storage = new Map<string, string>()
  const reads: Array<{ name: string; start: number; end: number }> = []
  const unreleased = new Set<Uint8Array>()
  const delayOf = (start: number, end: number) =>
    typeof options.readDelay === 'function'
      ? options.readDelay(start, end)
      : (options.readDelay ?? 0)

  const listeners = {
    hide: new Set<() => void>(),
    show: new Set<() => void>(),
    network: new Set<(online: boolean) => void>(),
  }
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  const store: KeyValueStore = {
    get: async (key) => storage.get(key),
    set: async (key, value) => {
      storage.set(key, value)
    },
    remove: async (key) => {
      storage.delete(key)
    },
  }

  const transport: Transport = {
    name: 'memory',
    capabilities: { uploadProgress: false, maxConcurrency: 16, ...options.capabilities },
    store,
    events: {
      onHide: (listener) => subscribe(listeners.hide, listener),
      onShow: (listener) => subscribe(listeners.show, listener),
      onNetworkChange: (listener) => subscribe(listeners.network, listener),
    },
    async request(request): Promise<HttpResponse> {
      const respond = options.respond
      if (!respond) throw new UploadError('NETWORK', 'The memory transport has no network.')
      return limitResponseBody(await respond(request), request)
    },
    identify(input) {
      const name = inputName(input)
      return { key: `memory:${name}`, name, size: files.get(name)?.bytes.length }
    },
    async openFile(input): Promise<FileSource> {
      const name = inputName(input)
      const opened = files.get(name)
      if (!opened) throw new UploadError('FILE_NOT_FOUND', `No memory file "${name}".`)
      return {
        size: opened.bytes.length,
        name,
        lastModified: opened.lastModified,
        async read(start, end) {
          const delay = delayOf(start, end)
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
          const current = files.get(name)
          if (current !== opened) {
            throw new UploadError('FILE_CHANGED', `"${name}" changed during the upload.`)
          }
          reads.push({ name, start, end })
          const chunk = opened.bytes.slice(start, end)
          unreleased.add(chunk)
          return chunk
        },
        release(chunk) {
          unreleased.delete(chunk)
        },
        async close() {},
      }
    },
  }

  return {
    name: 'memory-transport',
    apply(kernel) {
      kernel.provideTransport(transport)
    },
    transport,
    files,
    storage,
    reads,
    unreleased,
    hide: () => {
      for (const listener of listeners.hide) listener()
    },
    show: () => {
      for (const listener of listeners.show) listener()
    },
    setOnline: (online) => {
      for (const listener of listeners.network) listener(online)
    },
    putFile(name, bytes, lastModified = 1) {
      files.set(name, { bytes, lastModified })
      return { name }
    },
  }
}
