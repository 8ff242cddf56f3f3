import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NetworkType, WxDoubleApi } from './api-types'
import { Choosers } from './choosers'
import { DEFAULT_FILE_LIMITS, type FileOperation, type FileSystemLimits } from './file-context'
import { createFileSystem } from './file-system'
import { Lifecycle } from './lifecycle'
import { type HeaderCase, type NetworkCall, NetworkState } from './network-state'
import { createRequest } from './request'
import { createStorage, type StorageInspector } from './storage'
import { type CreateFileOptions, TempFiles, type TempPathStyle } from './temp-files'
import { createUploadFile } from './upload-file'

/** Options of {@link createWxDouble}. Every field is optional. */
export interface WxDoubleOptions {
  /** Directory that backs `wxfile://` paths. Default: a new directory under the OS temp dir, removed by `dispose()`. */
  dir?: string
  /** Shared budget of concurrent request/uploadFile tasks. Default 10. */
  maxConcurrentRequests?: number
  /** Request timeout when the call gives none. Default 60000. */
  defaultTimeoutMs?: number
  /** Delay between `hide()` and the `interrupted` failure of running tasks. Default 5000. */
  hideKillDelayMs?: number
  /** Case of response header names. Default `asSent` (the server's case). */
  headerCase?: HeaderCase
  /** Allowed request origins; when set, others fail with `url not in domain list` (errno 600002). */
  domains?: readonly string[]
  /** App id in the fixed Referer. Default `wx0000000000000000`. */
  appId?: string
  /** Network at start. Default `wifi`. */
  networkType?: NetworkType
  /** Temp path format. Default `wxfile` (`wxfile://tmp_…`); `devtools` gives `http://tmp/…`. */
  tempPathStyle?: TempPathStyle
  /** Storage limits in bytes. Default 1 MB per key, 10 MB in all. */
  storage?: { perKeyBytes?: number; totalBytes?: number }
  /** File system limits. */
  fileSystem?: Partial<FileSystemLimits>
}

/** A faithful `wx` on real Node I/O, with controls for tests. */
export interface WxDouble {
  /** Pass this where a mini program's `wx` goes. */
  readonly wx: WxDoubleApi
  /** The app goes to the background: `onAppHide` fires; running tasks fail with `interrupted` after the delay. */
  hide(): void
  /** The app comes back: `onAppShow` fires. */
  show(): void
  readonly hidden: boolean
  /**
   * The network switches (`wifi`, `4g`, ... or `none`): running tasks fail with errno 600001, then
   * `onNetworkStatusChange` fires.
   */
  changeNetwork(type: NetworkType): void
  /** Holds request slots as other code of the app would; returns a function that frees them. */
  occupyRequestSlots(count: number): () => void
  /** Network counters and the call log. */
  readonly network: {
    readonly inFlight: number
    /** Most tasks of the code under test that ran at once. */
    readonly peakInFlight: number
    readonly queued: number
    readonly calls: readonly NetworkCall[]
  }
  /** WeChat paths onto a real directory. */
  readonly files: {
    readonly dir: string
    /** Writes a file and returns its WeChat path (`wxfile://tmp_<32 hex>.mp4`). */
    create(content: Uint8Array | string, options?: CreateFileOptions): string
    /** The real path behind a WeChat path. */
    realPath(wxPath: string): string | undefined
    remove(wxPath: string): void
    /** Deletes every temp file, as a cold restart may. */
    evictTempFiles(): void
    /** Every file system call so far. */
    readonly operations: readonly FileOperation[]
  }
  readonly storage: StorageInspector
  /** Queues what the next chooseMedia / chooseVideo / chooseImage / chooseMessageFile returns. */
  queuePick(paths: string | string[]): void
  /** Listener counts for onAppHide / onAppShow / onNetworkStatusChange. */
  listenerCounts(): { hide: number; show: number; network: number }
  /** Fails running tasks, closes sockets and removes the directory it created. */
  dispose(): void
}

const MB = 1024 * 1024

/**
 * Creates a `wx` test double: requests go over real HTTP (to the emulator on 127.0.0.1), files live in a real
 * directory, callbacks are asynchronous and errors carry WeChat's errMsg / errno / errCode formats.
 */
export function createWxDouble(options: WxDoubleOptions = {}): WxDouble {
  const ownDir = options.dir === undefined
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'vodup-wx-'))
  const files = new TempFiles(dir, options.tempPathStyle ?? 'wxfile')
  const lifecycle = new Lifecycle(options.networkType ?? 'wifi')
  const net = new NetworkState(
    {
      maxConcurrent: options.maxConcurrentRequests ?? 10,
      defaultTimeoutMs: options.defaultTimeoutMs ?? 60_000,
      maxTimeoutMs: Math.max(60_000, options.defaultTimeoutMs ?? 0),
      hideKillDelayMs: options.hideKillDelayMs ?? 5_000,
      headerCase: options.headerCase ?? 'asSent',
      domains: options.domains,
      referer: `https://servicewechat.com/${options.appId ?? 'wx0000000000000000'}/devtools/page-frame.html`,
    },
    lifecycle,
  )
  const fileLog: FileOperation[] = []
  const fileSystem = createFileSystem({
    files,
    limits: { ...DEFAULT_FILE_LIMITS, ...options.fileSystem },
    log: fileLog,
  })
  const storage = createStorage({
    perKeyBytes: options.storage?.perKeyBytes ?? MB,
    totalBytes: options.storage?.totalBytes ?? 10 * MB,
  })
  const choosers = new Choosers(files)

  const wx: WxDoubleApi = {
    request: createRequest(net),
    uploadFile: createUploadFile(net, files),
    getFileSystemManager: () => fileSystem,
    env: { USER_DATA_PATH: files.userDataPath },
    ...storage.api,
    ...lifecycle.api(),
    ...choosers.api(),
  }

  return {
    wx,
    hide() {
      if (lifecycle.hidden) return
      lifecycle.emitHide()
      net.scheduleKill()
    },
    show() {
      if (!lifecycle.hidden) return
      net.cancelKill()
      lifecycle.emitShow()
    },
    get hidden() {
      return lifecycle.hidden
    },
    changeNetwork(type) {
      net.killAll(
        'errcode:10011 cronet_error_code:0 error_msg:network change, cancel all task',
        600001,
      )
      lifecycle.emitNetwork(type)
    },
    occupyRequestSlots: (count) => net.slots.occupy(count),
    network: {
      get inFlight() {
        return net.slots.inFlight
      },
      get peakInFlight() {
        return net.slots.peakInFlight
      },
      get queued() {
        return net.slots.queued
      },
      calls: net.calls,
    },
    files: {
      dir,
      create: (content, createOptions) => files.create(content, createOptions),
      realPath: (wxPath) => files.resolve(wxPath),
      remove: (wxPath) => files.remove(wxPath),
      evictTempFiles: () => files.evictTempFiles(),
      operations: fileLog,
    },
    storage: storage.inspect,
    queuePick: (paths) => choosers.queue(paths),
    listenerCounts: () => lifecycle.listenerCounts(),
    dispose() {
      net.dispose()
      if (ownDir) rmSync(dir, { recursive: true, force: true })
    },
  }
}
