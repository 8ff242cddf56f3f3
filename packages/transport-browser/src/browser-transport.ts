import type { KeyValueStore, Transport, UploaderPlugin } from '@vodup/core'
import { UploadError } from '@vodup/core'
import { browserDigests } from './digests/browser-digests'
import { pageEvents } from './events/page-events'
import { openBlobSource } from './files/blob-source'
import { identifyInput } from './files/file-input'
import { xhrRequest } from './http/xhr-request'
import { browserStore } from './store/browser-store'

const MiB = 1024 * 1024

/** Options of {@link browserTransport}. All are optional. */
export interface BrowserTransportOptions {
  /** Where checkpoints go. Default: IndexedDB (database `vodup`), else `localStorage`. */
  store?: KeyValueStore
  /** Most requests in flight at once. Default 6, what browsers open per host over HTTP/1.1. */
  maxConcurrency?: number
  /** Parts in flight per file when the uploader's `concurrency` is not set. Default 3. */
  defaultConcurrency?: number
  /** Part size when the uploader's `partSize` is not set. Default 4 MiB. */
  defaultPartSize?: number
  /** Pause starting parts while the tab is hidden. Default false (browsers upload in background tabs). */
  pauseWhenHidden?: boolean
}

/** The plugin {@link browserTransport} returns. */
export interface BrowserTransportPlugin extends UploaderPlugin {
  readonly transport: Transport
}

function positiveInteger(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `browserTransport option "${field}" must be a whole number of at least 1; got ${JSON.stringify(value)}.`,
      { field },
    )
  }
  return value
}

function checkOptions(options: BrowserTransportOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new UploadError('INVALID_ARGUMENT', 'browserTransport options must be an object.', {
      field: 'options',
    })
  }
  const { store, pauseWhenHidden } = options
  if (
    store !== undefined &&
    (typeof store !== 'object' ||
      store === null ||
      typeof store.get !== 'function' ||
      typeof store.set !== 'function' ||
      typeof store.remove !== 'function')
  ) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'browserTransport option "store" must have get, set and remove methods.',
      { field: 'store' },
    )
  }
  if (pauseWhenHidden !== undefined && typeof pauseWhenHidden !== 'boolean') {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `browserTransport option "pauseWhenHidden" must be true or false; got ${JSON.stringify(pauseWhenHidden)}.`,
      { field: 'pauseWhenHidden' },
    )
  }
}

/**
 * The browser platform for vodup: requests through `XMLHttpRequest` with byte-level upload progress, files
 * (`File`, or `{ blob, name }`) read by `Blob.slice` so only the parts in flight are in memory, checkpoints in
 * IndexedDB that survive a reload, CRC-64 in WebAssembly, and the page's lifecycle and network events.
 *
 * @example
 * ```ts
 * const uploader = createUploader([browserTransport(), ossTarget(), uploadAuth({ ... })])
 * input.onchange = () => uploader.upload(input.files[0])
 * ```
 */
export function browserTransport(options: BrowserTransportOptions = {}): BrowserTransportPlugin {
  checkOptions(options)
  const maxConcurrency = positiveInteger(options.maxConcurrency, 'maxConcurrency', 6)
  const defaultConcurrency = Math.min(
    positiveInteger(options.defaultConcurrency, 'defaultConcurrency', 3),
    maxConcurrency,
  )
  const defaultPartSize = positiveInteger(options.defaultPartSize, 'defaultPartSize', 4 * MiB)
  const transport: Transport = {
    name: 'browser',
    capabilities: { uploadProgress: true, maxConcurrency, defaultConcurrency, defaultPartSize },
    store: options.store ?? browserStore(),
    events: pageEvents({ pauseWhenHidden: options.pauseWhenHidden ?? false }),
    digests: browserDigests,
    request: xhrRequest,
    identify: identifyInput,
    openFile: openBlobSource,
  }
  return {
    name: 'transport-browser',
    transport,
    apply(kernel) {
      kernel.provideTransport(transport)
    },
  }
}
