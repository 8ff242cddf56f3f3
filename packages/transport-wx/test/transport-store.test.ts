import type { KeyValueStore } from '@vodup/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { uploadErrorOf } from '#test-support'
import { createWxDouble, type WxDouble } from '../src/double/index'
import { createWxStore, type WxStoreOptions } from '../src/index'

let double: WxDouble
afterEach(() => {
  vi.useRealTimers()
  double?.dispose()
})

function setup(options: WxStoreOptions = {}): KeyValueStore {
  double = createWxDouble()
  return createWxStore(double.wx, options)
}

const checkpoint = (n: number) =>
  JSON.stringify({ v: 1, uploadId: `u${n}`, doneParts: [{ n: 1, etag: '"A"', size: 1 }] })

describe('checkpoints in wx storage', () => {
  it('stores records as compact JSON values under the prefix, with an index, and reads them back', async () => {
    const store = setup({ prefix: 'app:' })
    await store.set('cp1', checkpoint(1))
    expect(double.storage.get('app:cp1')).toEqual(JSON.parse(checkpoint(1)))
    expect(double.storage.raw('app:cp1')).toBe(checkpoint(1))
    expect(Object.keys(double.storage.get('app:index') as object)).toEqual(['cp1'])
    expect(JSON.parse((await store.get('cp1'))!)).toEqual(JSON.parse(checkpoint(1)))
    expect(await store.get('nothing')).toBeUndefined()
    await store.remove('cp1')
    expect(double.storage.keys()).toEqual(['app:index'])
  })

  it('keeps at most maxRecords, dropping the oldest', async () => {
    const store = setup({ maxRecords: 2 })
    vi.useFakeTimers({ toFake: ['Date'] })
    for (let n = 1; n <= 3; n++) {
      vi.setSystemTime(n * 1000)
      await store.set(`cp${n}`, checkpoint(n))
    }
    expect(await store.get('cp1')).toBeUndefined()
    expect(double.storage.keys().sort()).toEqual(['vodup:cp2', 'vodup:cp3', 'vodup:index'])
  })

  it('drops records older than maxAgeMs', async () => {
    const store = setup({ maxAgeMs: 1000 })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(10_000)
    await store.set('old', checkpoint(1))
    vi.setSystemTime(12_000)
    expect(await store.get('old')).toBeUndefined()
    expect(double.storage.keys()).toEqual(['vodup:index'])
  })

  it('adopts records it finds without an index after a restart, by their updatedAt', async () => {
    double = createWxDouble()
    double.storage.set('vodup:cp-a', { v: 1, updatedAt: 1 })
    const store = createWxStore(double.wx, { maxAgeMs: 1000 })
    await store.set('cp-b', checkpoint(2))
    expect(double.storage.keys().sort()).toEqual(['vodup:cp-b', 'vodup:index'])
  })

  it('refuses a record over 1 MB with STORAGE_ERROR', async () => {
    const store = setup()
    const error = await uploadErrorOf(
      store.set('big', JSON.stringify({ pad: 'x'.repeat(1024 * 1024) })),
    )
    expect(error.code).toBe('STORAGE_ERROR')
    expect(error.message).toMatch(/over WeChat's 1 MB per key/)
  })

  it('makes room by dropping its own oldest records when storage is nearly full', async () => {
    const store = setup()
    const filler = 'z'.repeat(1024 * 1024 - 200)
    for (let i = 0; i < 9; i++) double.wx.setStorageSync(`app-data-${i}`, filler)
    await store.set('cp1', JSON.stringify({ pad: 'a'.repeat(500_000) }))
    await store.set('cp2', JSON.stringify({ pad: 'b'.repeat(600_000) }))
    expect(await store.get('cp1')).toBeUndefined()
    expect(await store.get('cp2')).toBeDefined()
    expect(double.storage.keys().filter((k) => k.startsWith('app-data'))).toHaveLength(9)
  })

  it('turns storage failures into STORAGE_ERROR and refuses records holding a secret', async () => {
    const store = setup()
    double.storage.failNextWrites(2)
    const failed = await uploadErrorOf(store.set('cp', checkpoint(1)))
    expect(failed.code).toBe('STORAGE_ERROR')
    expect(failed.message).toContain('setStorageSync:fail storage is full')
    const secret = await uploadErrorOf(
      store.set('cp', JSON.stringify({ accessKeySecret: 'S3CR3T' })),
    )
    expect(secret.code).toBe('STORAGE_ERROR')
    expect(secret.message).not.toContain('S3CR3T')
    expect(double.storage.keys().some((k) => k.endsWith(':cp'))).toBe(false)
  })
})
