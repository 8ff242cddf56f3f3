import { type FileSource, type Transport, UploadError } from '@vodup/core'
import { AppVisibility } from './app-visibility'
import { describeInput } from './file-input'
import { openWxFile } from './file-source'
import { statFile } from './fs-calls'
import { globalWx } from './global-wx'
import { NetworkWatch } from './network-watch'
import { resolveOptions, type WxTransportOptions } from './options'
import { RequestLimiter } from './request-limiter'
import { sendRequest } from './send-request'
import { uploadFormWithWx } from './upload-form'
import type { WxLike } from './wx-api'
import { createWxStore } from './wx-store'

/** A transport bound to one `wx` object. */
export interface WxTransport extends Transport {
  /** The `wx` object in use. */
  readonly wx: WxLike
  /** Requests started and not finished. */
  readonly inFlight: number
  /** Stops listening to app and network events. */
  dispose(): void
}

/** WeChat parts must finish within the 60 s timeout on slow uplinks: 1 MiB × 4 in flight keeps that likely. */
const DEFAULT_PART_SIZE = 1024 * 1024

/**
 * Creates the WeChat transport: `wx.request` for requests, `FileSystemManager` for ranged reads, wx storage for
 * checkpoints, `wx.onAppHide` / `onAppShow` / `onNetworkStatusChange` for the kernel's pause and resume, and
 * optionally `wx.uploadFile` for small files. Throws INVALID_ARGUMENT for bad options or when there is no `wx`.
 */
export function createWxTransport(options: WxTransportOptions = {}): WxTransport {
  const resolved = resolveOptions(options)
  const wx = options.wx ?? globalWx()
  if (
    (typeof wx !== 'object' && typeof wx !== 'function') ||
    wx === null ||
    typeof wx.request !== 'function' ||
    typeof wx.getFileSystemManager !== 'function'
  ) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'wxTransport option "wx" must be the wx object (with request and getFileSystemManager).',
      { field: 'wx' },
    )
  }
  const fs = wx.getFileSystemManager()
  const limiter = new RequestLimiter(resolved.concurrency)
  const visibility = new AppVisibility(wx)
  const network = new NetworkWatch(wx, resolved.networkSettleMs)
  const offPause = visibility.subscribeHide(() => limiter.pause())
  const offResume = visibility.subscribeShow(() => limiter.resume())
  const sendContext = {
    defaultTimeoutMs: resolved.timeoutMs,
    onNetworkChangeFailure: () => network.networkChanged(),
  }
  const formUpload = resolved.formUploadMaxSize !== undefined && typeof wx.uploadFile === 'function'

  const transport: WxTransport = {
    name: 'wx',
    wx,
    capabilities: {
      uploadProgress: false,
      maxConcurrency: resolved.concurrency,
      defaultConcurrency: resolved.concurrency,
      defaultPartSize: DEFAULT_PART_SIZE,
      ...(formUpload ? { formUploadMaxSize: resolved.formUploadMaxSize } : {}),
    },
    get inFlight() {
      return limiter.inFlight
    },
    store: createWxStore(wx, resolved.storage),
    events: {
      onHide: (listener) => visibility.subscribeHide(listener),
      onShow: (listener) => visibility.subscribeShow(listener),
      onNetworkChange: (listener) => network.subscribe(listener),
    },
    request(request) {
      return limiter.run(request.signal, () => sendRequest(wx, request, sendContext))
    },
    identify(input) {
      const { path, name, size } = describeInput(input)
      return { key: path, name, ...(size !== undefined ? { size } : {}) }
    },
    openFile(input): Promise<FileSource> {
      const { path, name } = describeInput(input)
      return openWxFile(fs, path, name, resolved.readMode)
    },
    dispose() {
      offPause()
      offResume()
      visibility.dispose()
      network.dispose()
    },
  }
  if (formUpload) {
    transport.uploadForm = async (request) => {
      const { path } = describeInput(request.file)
      const stats = await statFile(fs, path)
      return limiter.run(request.signal, () =>
        uploadFormWithWx(wx, path, stats.size, request, resolved.timeoutMs),
      )
    }
  }
  return transport
}
