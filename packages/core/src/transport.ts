import type { FormUploadRequest, HttpRequest, HttpResponse } from './http'

/**
 * A platform: how bytes move and where state is kept. `@vodup/transport-node` and `@vodup/transport-wx`
 * implement it; a plugin provides one with `kernel.provideTransport(transport)`.
 */
export interface Transport {
  readonly name: string
  readonly capabilities: TransportCapabilities
  /**
   * Sends a request. Resolves for every HTTP status; rejects only with an `UploadError` when no response arrived:
   * the signal's reason once it aborts (`ABORTED`), `TIMEOUT` past `timeoutMs`, `NETWORK` for a connection reset,
   * refused or a host name that does not resolve, `DOMAIN_NOT_ALLOWED` where the platform keeps an allow-list, and
   * `INVALID_ARGUMENT` (field `url`) for a URL that is not http(s). The conformance suite of `@vodup/core/testing`
   * (`transportConformance`) checks all of it.
   */
  request(request: HttpRequest): Promise<HttpResponse>
  /** Describes a file input synchronously (used by `addFile`); throws `INVALID_ARGUMENT` for an unusable input. */
  identify(input: unknown): FileIdentity
  /** Opens a file for ranged reads. Rejects with `FILE_NOT_FOUND`, `FILE_NOT_READABLE`... */
  openFile(input: unknown): Promise<FileSource>
  /** Where checkpoints live. */
  readonly store: KeyValueStore
  /** App lifecycle and network events, where the platform has them. */
  readonly events?: PlatformEvents
  /** Faster native digests, where the platform has them; targets fall back to portable code. */
  readonly digests?: Digests
  /** Posts a file as multipart/form-data, streamed by the platform (`wx.uploadFile`). */
  uploadForm?(request: FormUploadRequest): Promise<HttpResponse>
}

/** What a transport can do. */
export interface TransportCapabilities {
  /** Reports byte-level upload progress for `request` bodies. */
  uploadProgress: boolean
  /** Most requests the platform runs at once; part concurrency may not exceed it. */
  maxConcurrency: number
  /** Parts in flight per file when the app does not say. */
  defaultConcurrency?: number
  /** Part size when the app does not say. */
  defaultPartSize?: number
  /** Largest file sent through `uploadForm` instead of multipart, when the app enabled the form path. */
  formUploadMaxSize?: number
}

/** A stable description of a file input, known without I/O. */
export interface FileIdentity {
  /** Identifies the input within the list: a path, a temp file URL. Two inputs with one key are the same file. */
  key: string
  /** The file name (last path segment), used for Content-Type and titles. */
  name: string
  /** The size if the input already tells it (chooser results do). */
  size?: number
}

/** An open file: size known, bytes read lazily by range. */
export interface FileSource {
  readonly size: number
  readonly name: string
  /** Modification time in ms, where known: part of the resume fingerprint. */
  readonly lastModified?: number
  /**
   * Reads bytes `[start, end)`. Must fail with `FILE_CHANGED` if the file changed since it was opened, and with
   * `INVALID_ARGUMENT` (field `range`) for a range outside the file. May reuse a chunk's memory only once it was
   * handed back through `release`.
   */
  read(start: number, end: number): Promise<Uint8Array>
  /**
   * Hands back a chunk that `read` returned once nothing uses it any more (the request that sent it settled), so
   * a source that pools buffers may recycle it. The kernel calls it; a source without pooling omits it.
   */
  release?(chunk: Uint8Array): void
  close(): Promise<void>
}

/** A small asynchronous string store (files, wx storage, memory). Values are JSON text without secrets. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  remove(key: string): Promise<void>
}

/** Platform events. Each `on*` returns a function that unsubscribes. */
export interface PlatformEvents {
  /** The app went to the background: scheduling pauses. */
  onHide?(listener: () => void): () => void
  /** The app came back: scheduling resumes. */
  onShow?(listener: () => void): () => void
  /** The network changed or came back: failed parts are retried. */
  onNetworkChange?(listener: (online: boolean) => void): () => void
}

/**
 * Native digest functions a transport may offer; targets fall back to portable code for the ones missing. The hot
 * path of every part is CRC-64 alone ({@link Digests.partCrc64}); MD5 is computed only where it is the proof asked
 * for (`Content-MD5` on request, a server without CRC-64, a part the checkpoint does not know).
 */
export interface Digests {
  /** MD5 of the bytes, 16 bytes. */
  md5?(data: Uint8Array): Uint8Array
  /** CRC-64/ECMA-182 (as OSS computes it) of the bytes, as an unsigned decimal string. */
  crc64?(data: Uint8Array): string
  /** HMAC of `data` under `key` with SHA-1 (OSS V1, RPC signatures) or SHA-256 (OSS V4), raw bytes. */
  hmac?(algorithm: 'sha1' | 'sha256', key: Uint8Array, data: Uint8Array): Uint8Array
  /**
   * CRC-64/ECMA-182 of a part body (unsigned decimal), without holding the caller's thread for the whole body (in
   * slices with other work in between, or on another thread), so the requests in flight keep moving while a part
   * is hashed. Targets use it for every part sent and every resumed part re-verified. `data` must not change
   * until it resolves.
   */
  partCrc64?(data: Uint8Array): Promise<string>
  /**
   * MD5 of a part body (16 bytes), with the same manners as {@link Digests.partCrc64}. Only called where MD5 is
   * the proof: a target configured for servers without CRC-64, `Content-MD5` on request, reconciling a part the
   * server holds that the checkpoint does not know.
   */
  partMd5?(data: Uint8Array): Promise<Uint8Array>
}
