import { homedir } from 'node:os'
import { join } from 'node:path'
import type { HttpRequest, KeyValueStore, Transport, UploaderPlugin } from '@vodup/core'
import { UploadError } from '@vodup/core'
import { Crc64Threads, defaultHashThreads } from './digests/crc64-threads'
import { nodeDigests } from './digests/node-digests'
import { partCrc64 } from './digests/part-hashes'
import { BufferPool } from './files/buffer-pool'
import { identifyInput, inputPath } from './files/file-input'
import { openFileSource } from './files/file-source'
import { BandwidthLimit } from './http/bandwidth-limit'
import { Connections, type TlsOptions } from './http/connections'
import { nodeRequest } from './http/node-request'
import { proxySettings } from './http/proxy'
import { fileStore } from './store/file-store'

const MiB = 1024 * 1024

/** Options of {@link nodeTransport}. All are optional. */
export interface NodeTransportOptions {
  /** Where checkpoints are kept, one JSON file per upload. Default `~/.vodup/checkpoints`. */
  checkpointDir?: string
  /** Another checkpoint store (in memory, a database...); `checkpointDir` is then ignored. */
  store?: KeyValueStore
  /** Most requests in flight at once, and the size of the keep-alive pool per host. Default 16. */
  maxConcurrency?: number
  /** Parts in flight per file when the uploader's `concurrency` is not set. Default 4. */
  defaultConcurrency?: number
  /** Part size when the uploader's `partSize` is not set. Default 8 MiB. */
  defaultPartSize?: number
  /**
   * The proxy every request goes through (`http://host:port`, credentials as `http://user:password@host:port`), or
   * `false` for none. Default: from the environment, `HTTPS_PROXY` for https URLs and `HTTP_PROXY` for http URLs
   * (lower-case spellings first). HTTPS goes through the proxy in a CONNECT tunnel; the proxy sees no content.
   */
  proxy?: string | false
  /**
   * Hosts reached directly, not through the proxy: a comma-separated list of host names (each with its
   * subdomains; `.example.com` and `*.example.com` also work), IP addresses, each with an optional `:port`, or `*`
   * for every host. Default: the `NO_PROXY` variable.
   */
  noProxy?: string
  /**
   * Upload bandwidth cap in bytes per second, shared by every request of this transport (all parts of all files).
   * Each request's deadline is extended by the time the cap holds its body back. Default: no cap.
   */
  limitRate?: number
  /** TLS options of HTTPS connections: a private CA (`ca`), client certificates... */
  tls?: TlsOptions
  /**
   * Worker threads that compute parts' CRC-64, so hashing does not take turns with the sockets on the event loop.
   * Default: 1 on a machine with more than 2 cores (that this process may use), else 0, and parts are hashed on the
   * event loop in slices between socket writes. A thread costs about 10 MiB; one hashes faster than an event loop
   * sends. With threads, read buffers are `SharedArrayBuffer`s, handed over without a copy.
   */
  hashThreads?: number
}

/** The plugin {@link nodeTransport} returns: the transport, plus a way to close its connections. */
export interface NodeTransportPlugin extends UploaderPlugin {
  readonly transport: Transport
  /** Closes the keep-alive connections; `uploader.dispose()` calls it. */
  close(): Promise<void>
}

/** The default checkpoint directory, `~/.vodup/checkpoints`. */
export function defaultCheckpointDir(): string {
  return join(homedir(), '.vodup', 'checkpoints')
}

function positiveInteger(
  value: number | undefined,
  field: string,
  fallback: number,
  least = 1,
): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < least) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      `Option "${field}" must be a whole number of at least ${least}; got ${JSON.stringify(value)}.`,
      { field },
    )
  }
  return value
}

/**
 * The Node.js platform for vodup: HTTP through Node's own client with keep-alive pools sized to the concurrency
 * (proxies from the environment, an optional bandwidth cap), ranged reads into reused buffers with a
 * changed-file check, checkpoints as JSON files, and native MD5, CRC-64 and HMAC.
 * File inputs are a path, `{ path }` or `{ url }`.
 *
 * @example
 * ```ts
 * const uploader = createUploader([nodeTransport(), ossTarget(), uploadAuth({ ... })])
 * await uploader.upload('./movie.mp4')
 * ```
 */
export function nodeTransport(options: NodeTransportOptions = {}): NodeTransportPlugin {
  const maxConcurrency = positiveInteger(options.maxConcurrency, 'maxConcurrency', 16)
  const defaultConcurrency = Math.min(
    positiveInteger(options.defaultConcurrency, 'defaultConcurrency', 4),
    maxConcurrency,
  )
  const defaultPartSize = positiveInteger(options.defaultPartSize, 'defaultPartSize', 8 * MiB)
  const limitRate =
    options.limitRate === undefined ? undefined : positiveInteger(options.limitRate, 'limitRate', 0)
  const connections = new Connections(maxConcurrency, proxySettings(options), options.tls)
  const client = {
    connections,
    ...(limitRate ? { limit: new BandwidthLimit(limitRate) } : {}),
  }
  const hashThreads = positiveInteger(options.hashThreads, 'hashThreads', defaultHashThreads(), 0)
  const threads = new Crc64Threads(hashThreads)
  const pool = new BufferPool(maxConcurrency, hashThreads > 0)
  const digests = {
    ...nodeDigests,
    // A part goes to a hashing thread when there is one; on the event loop otherwise, or if the thread failed.
    partCrc64: (data: Uint8Array) =>
      threads.hash(data)?.catch(() => partCrc64(data)) ?? partCrc64(data),
  }
  const store = options.store ?? fileStore(options.checkpointDir ?? defaultCheckpointDir())

  const transport: Transport = {
    name: 'node',
    capabilities: { uploadProgress: true, maxConcurrency, defaultConcurrency, defaultPartSize },
    store,
    digests,
    request: (request: HttpRequest) => nodeRequest(client, request),
    identify: identifyInput,
    openFile: async (input) => openFileSource(inputPath(input), pool),
  }
  const close = async () => {
    await Promise.all([connections.close(), threads.close()])
  }
  return {
    name: 'transport-node',
    transport,
    close,
    apply(kernel) {
      kernel.provideTransport(transport)
      return close
    },
  }
}
