import { afterEach, describe, expect, it } from 'vitest'
import { createWxDouble, type WxDouble } from '../../src/double/index'
import { failureOf } from '../local-server'

let double: WxDouble
afterEach(() => double?.dispose())

describe('wx storage double', () => {
  it('stores JSON values, returns "" for a missing key and reports sizes in KB', async () => {
    double = createWxDouble()
    double.wx.setStorageSync('a', { n: 1, list: [1, 2] })
    expect(double.wx.getStorageSync('a')).toEqual({ n: 1, list: [1, 2] })
    expect(double.wx.getStorageSync('missing')).toBe('')
    const info = double.wx.getStorageInfoSync()
    expect(info).toEqual({ keys: ['a'], currentSize: 1, limitSize: 10240 })
    await double.wx.setStorage({ key: 'b', data: 'text' })
    expect((await double.wx.getStorage({ key: 'b' })).data).toBe('text')
    const missing = await failureOf<{ errMsg: string }>((cb) =>
      double.wx.getStorage({ key: 'nope', ...cb }),
    )
    expect(missing.errMsg).toBe('getStorage:fail data not found')
    double.wx.removeStorageSync('a')
    expect(double.storage.keys()).toEqual(['b'])
  })

  it('throws past 1 MB for one key and past 10 MB in all', async () => {
    double = createWxDouble()
    expect(() => double.wx.setStorageSync('big', 'x'.repeat(1024 * 1024))).toThrow(
      /setStorageSync:fail exceed storage item max length/,
    )
    const almostMB = 'y'.repeat(1024 * 1024 - 100)
    for (let i = 0; i < 10; i++) double.wx.setStorageSync(`k${i}`, almostMB)
    expect(() => double.wx.setStorageSync('k10', almostMB)).toThrow(/exceed storage max size/)
    const failure = await failureOf<{ errMsg: string }>((cb) =>
      double.wx.setStorage({ key: 'k11', data: almostMB, ...cb }),
    )
    expect(failure.errMsg).toBe('setStorage:fail exceed storage max size')
    expect(double.storage.keys()).toHaveLength(10)
  })

  it('can fail the next writes as a full device would', () => {
    double = createWxDouble()
    double.storage.failNextWrites(1)
    expect(() => double.wx.setStorageSync('a', 1)).toThrow(/storage is full/)
    double.wx.setStorageSync('a', 1)
    expect(double.storage.get('a')).toBe(1)
  })
})
