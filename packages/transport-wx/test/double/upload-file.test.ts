import { afterEach, describe, expect, it } from 'vitest'
import { patternBytes } from '#test-support'
import { createWxDouble, type WxDouble } from '../../src/double/index'
import { failureOf, useLocalServer } from '../local-server'

const server = useLocalServer()
let double: WxDouble
afterEach(() => double?.dispose())

describe('wx.uploadFile double', () => {
  it('posts fields then the file as multipart/form-data, with progress and headers only via onHeadersReceived', async () => {
    double = createWxDouble()
    const bytes = patternBytes(200 * 1024)
    const path = double.files.create(bytes, { name: 'clip.mp4' })
    const progress: number[] = []
    let headers: Record<string, unknown> = {}
    const before = server.received.length
    const result = await new Promise<WechatMiniprogram.UploadFileSuccessCallbackResult>(
      (resolve, reject) => {
        const task = double.wx.uploadFile({
          url: `${server.url}/form`,
          filePath: path,
          name: 'file',
          formData: { key: 'a/b.mp4', policy: 'p' },
          success: resolve,
          fail: reject,
        })
        task.onProgressUpdate((p) => progress.push(p.totalBytesSent))
        task.onHeadersReceived((r) => {
          headers = r.header
        })
      },
    )
    expect(result).toMatchObject({ statusCode: 200, errMsg: 'uploadFile:ok' })
    expect('header' in result).toBe(false)
    expect(headers).toMatchObject({ ETag: '"etag"' })
    const body = server.received[before].body
    const text = body.toString('latin1')
    expect(text.indexOf('name="key"')).toBeLessThan(text.indexOf('name="file"'))
    expect(body.indexOf(Buffer.from(bytes))).toBeGreaterThan(0)
    expect(progress.at(-1)).toBe(body.length)
    expect([...progress].sort((a, b) => a - b)).toEqual(progress)
  })

  it('fails for a missing file', async () => {
    double = createWxDouble()
    const failure = await failureOf<WechatMiniprogram.GeneralCallbackResult>((cb) =>
      double.wx.uploadFile({
        url: `${server.url}/form`,
        filePath: 'wxfile://tmp_gone.mp4',
        name: 'file',
        ...cb,
      }),
    )
    expect(failure.errMsg).toMatch(/^uploadFile:fail no such file or directory/)
  })
})
