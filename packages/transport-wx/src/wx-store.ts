import { checkStoreValue, type KeyValueStore, UploadError } from '@vodup/core'
import { redact } from './redact'
import type { WxLike } from './wx-api'

/** How checkpoints are kept in wx storage. */
export interface WxStoreOptions {
  /** Prefix of every storage key the transport writes. Default `vodup:`. */
  prefix?: string
  /** Most records kept; the oldest go first. Default 50. */
  maxRecords?: number
  /** Records older than this are dropped. Default 7 days. */
  maxAgeMs?: number
}

/** WeChat's storage limits. */
const MAX_RECORD_BYTES = 1024 * 1024
const DAY_MS = 24 * 60 * 60 * 1000

type Index = Record<string, number>

function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

function storageError(action: string, key: string, error: unknown): UploadError {
  const detail = redact(
    String((error as { errMsg?: unknown })?.errMsg ?? (error as Error)?.message ?? error),
  )
  return new UploadError('STORAGE_ERROR', `wx storage could not ${action} "${key}": ${detail}`, {
    cause: error,
  })
}

/**
 * Checkpoints in wx storage: one key per record under a prefix, plus an index of write times so records can be
 * pruned by age and count. Records are stored as JSON values (not escaped strings) to stay compact, each within
 * WeChat's 1 MB per key; when the 10 MB total would be exceeded the oldest records make room. A record holding
 * a secret field is refused. Every failure is an `UploadError` with code STORAGE_ERROR.
 */
export function createWxStore(wx: WxLike, options: WxStoreOptions = {}): KeyValueStore {
  const prefix = options.prefix ?? 'vodup:'
  const maxRecords = options.maxRecords ?? 50
  const maxAgeMs = options.maxAgeMs ?? 7 * DAY_MS
  const indexKey = `${prefix}index`
  let index: Index | undefined

  const loadIndex = (): Index => {
    if (index) return index
    const stored = wx.getStorageSync(indexKey)
    index = typeof stored === 'object' && stored !== null ? { ...(stored as Index) } : {}
    for (const key of wx.getStorageInfoSync?.().keys ?? []) {
      if (
        key === indexKey ||
        !key.startsWith(prefix) ||
        index[key.slice(prefix.length)] !== undefined
      )
        continue
      const value = wx.getStorageSync(key) as { updatedAt?: unknown } | undefined
      index[key.slice(prefix.length)] =
        typeof value?.updatedAt === 'number' ? value.updatedAt : Date.now()
    }
    return index
  }

  const saveIndex = () => wx.setStorageSync(indexKey, index ?? {})

  const drop = (key: string) => {
    wx.removeStorageSync(prefix + key)
    delete loadIndex()[key]
  }

  const oldestFirst = (except: string) =>
    Object.keys(loadIndex())
      .filter((key) => key !== except)
      .sort((a, b) => loadIndex()[a] - loadIndex()[b])

  const prune = (keep: string) => {
    const now = Date.now()
    const others = oldestFirst(keep)
    others.forEach((key, position) => {
      const tooMany = others.length - position > maxRecords - 1
      if (tooMany || now - loadIndex()[key] > maxAgeMs) drop(key)
    })
  }

  const fits = (bytes: number) => {
    const info = wx.getStorageInfoSync?.()
    return !info || info.currentSize * 1024 + bytes <= info.limitSize * 1024
  }

  return {
    async get(key) {
      try {
        const written = loadIndex()[key]
        if (written !== undefined && Date.now() - written > maxAgeMs) {
          drop(key)
          saveIndex()
          return undefined
        }
        const value = wx.getStorageSync(prefix + key)
        return value === '' || value === undefined || value === null
          ? undefined
          : JSON.stringify(value)
      } catch (error) {
        throw storageError('read', key, error)
      }
    },
    async set(key, value) {
      checkStoreValue(key, value)
      let data: unknown
      try {
        data = JSON.parse(value)
      } catch {
        throw storageError('write', key, new Error('the value is not JSON text'))
      }
      const bytes = utf8Length(prefix + key) + utf8Length(value)
      if (bytes > MAX_RECORD_BYTES) {
        throw new UploadError(
          'STORAGE_ERROR',
          `wx storage could not write "${key}": ${bytes} bytes is over WeChat's 1 MB per key.`,
        )
      }
      try {
        prune(key)
        for (const old of oldestFirst(key)) {
          if (fits(bytes)) break
          drop(old)
        }
        try {
          wx.setStorageSync(prefix + key, data)
        } catch (first) {
          const old = oldestFirst(key)[0]
          if (old === undefined) throw first
          drop(old)
          wx.setStorageSync(prefix + key, data)
        }
        loadIndex()[key] = Date.now()
        saveIndex()
      } catch (error) {
        throw storageError('write', key, error)
      }
    },
    async remove(key) {
      try {
        drop(key)
        saveIndex()
      } catch (error) {
        throw storageError('remove', key, error)
      }
    },
  }
}
