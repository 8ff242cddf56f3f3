import type { WxDoubleApi } from './api-types'
import { type CallbackOption, deliverOrPromise, type Outcome, WxSyncError } from './callbacks'

/** Storage limits (WeChat: 1 MB per key, 10 MB in all). */
export interface StorageLimits {
  perKeyBytes: number
  totalBytes: number
}

/** Looks into the double's storage from a test. */
export interface StorageInspector {
  keys(): string[]
  /** The stored value (a copy), or undefined. */
  get(key: string): unknown
  /** The stored JSON text, as WeChat measures it. */
  raw(key: string): string | undefined
  /** Bytes used: keys plus JSON values. */
  usedBytes(): number
  /** Puts a value directly, bypassing the limits (to prepare a test). */
  set(key: string, value: unknown): void
  clear(): void
  /** The next `count` writes (sync or async) fail as if the device storage were full. */
  failNextWrites(count?: number): void
}

type StorageApi = Pick<
  WxDoubleApi,
  | 'setStorageSync'
  | 'getStorageSync'
  | 'removeStorageSync'
  | 'clearStorageSync'
  | 'getStorageInfoSync'
  | 'setStorage'
  | 'getStorage'
  | 'removeStorage'
  | 'clearStorage'
  | 'getStorageInfo'
>

type Failure = WechatMiniprogram.GeneralCallbackResult

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

/** wx storage on a Map: JSON-serialised values, WeChat's size limits and failure texts. */
export function createStorage(limits: StorageLimits): {
  api: StorageApi
  inspect: StorageInspector
} {
  const entries = new Map<string, string>()
  let failingWrites = 0

  const used = () => {
    let total = 0
    for (const [key, text] of entries) total += bytes(key) + bytes(text)
    return total
  }

  const write = (api: string, key: unknown, data: unknown): Outcome<undefined, Failure> => {
    const fail = (text: string): Outcome<undefined, Failure> => ({
      ok: false,
      error: { errMsg: `${api}:fail ${text}` },
    })
    if (typeof key !== 'string' || key === '') {
      return fail(`parameter error: parameter.key should be String instead of ${typeof key};`)
    }
    if (failingWrites > 0) {
      failingWrites--
      return fail('storage is full')
    }
    const text = JSON.stringify(data === undefined ? '' : data)
    if (bytes(text) > limits.perKeyBytes) return fail('exceed storage item max length')
    const before = entries.get(key)
    const after =
      used() - (before === undefined ? 0 : bytes(key) + bytes(before)) + bytes(key) + bytes(text)
    if (after > limits.totalBytes) return fail('exceed storage max size')
    entries.set(key, text)
    return { ok: true, value: undefined }
  }

  const read = (key: string) => {
    const text = entries.get(key)
    return text === undefined ? undefined : JSON.parse(text)
  }

  const info = (): WechatMiniprogram.GetStorageInfoSyncOption => ({
    keys: [...entries.keys()],
    currentSize: Math.ceil(used() / 1024),
    limitSize: Math.floor(limits.totalBytes / 1024),
  })

  const throwIfFailed = (outcome: Outcome<undefined, Failure>) => {
    if (!outcome.ok) throw new WxSyncError(outcome.error.errMsg)
  }

  const api: StorageApi = {
    setStorageSync(key, data) {
      throwIfFailed(write('setStorageSync', key, data))
    },
    getStorageSync(key) {
      return read(key) ?? ''
    },
    removeStorageSync(key) {
      entries.delete(key)
    },
    clearStorageSync() {
      entries.clear()
    },
    getStorageInfoSync: info,
    setStorage(option) {
      const outcome = write('setStorage', option.key, option.data)
      return deliverOrPromise(
        option as CallbackOption<Failure, Failure>,
        outcome.ok ? { ok: true, value: { errMsg: 'setStorage:ok' } } : outcome,
      ) as never
    },
    getStorage(option) {
      const found = entries.has(option.key)
      return deliverOrPromise(
        option as CallbackOption<WechatMiniprogram.GetStorageSuccessCallbackResult, Failure>,
        found
          ? { ok: true, value: { data: read(option.key), errMsg: 'getStorage:ok' } }
          : { ok: false, error: { errMsg: 'getStorage:fail data not found' } },
      ) as never
    },
    removeStorage(option) {
      entries.delete(option.key)
      return deliverOrPromise(option as CallbackOption<Failure, Failure>, {
        ok: true,
        value: { errMsg: 'removeStorage:ok' },
      }) as never
    },
    clearStorage(option) {
      entries.clear()
      return deliverOrPromise(option as CallbackOption<Failure, Failure> | undefined, {
        ok: true,
        value: { errMsg: 'clearStorage:ok' },
      }) as never
    },
    getStorageInfo(option) {
      return deliverOrPromise(
        option as
          | CallbackOption<WechatMiniprogram.GetStorageInfoSuccessCallbackOption, Failure>
          | undefined,
        { ok: true, value: { ...info(), errMsg: 'getStorageInfo:ok' } },
      ) as never
    },
  }

  const inspect: StorageInspector = {
    keys: () => [...entries.keys()],
    get: read,
    raw: (key) => entries.get(key),
    usedBytes: used,
    set: (key, value) => {
      entries.set(key, JSON.stringify(value))
    },
    clear: () => entries.clear(),
    failNextWrites: (count = 1) => {
      failingWrites += count
    },
  }
  return { api, inspect }
}
