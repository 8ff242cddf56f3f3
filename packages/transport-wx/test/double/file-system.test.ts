import { afterEach, describe, expect, it } from 'vitest'
import { patternBytes } from '#test-support'
import { createWxDouble, type FileFailure, type WxDouble } from '../../src/double/index'
import { call, failureOf } from '../local-server'

let double: WxDouble
afterEach(() => double?.dispose())

const bytes = patternBytes(1000)

function setup(options: Parameters<typeof createWxDouble>[0] = {}) {
  double = createWxDouble(options)
  const path = double.files.create(bytes, { name: 'movie.mp4' })
  return { fs: double.wx.getFileSystemManager(), path }
}

describe('FileSystemManager double', () => {
  it('returns the same manager each time and reads exactly [position, position + length)', async () => {
    const { fs, path } = setup()
    expect(double.wx.getFileSystemManager()).toBe(fs)
    const result = await call<{ data: ArrayBuffer; errMsg: string }>((cb) =>
      fs.readFile({
        filePath: path,
        position: 100,
        length: 250,
        ...cb,
      } as WechatMiniprogram.ReadFileOption),
    )
    expect(result.errMsg).toBe('readFile:ok')
    expect(result.data.byteLength).toBe(250)
    expect(Buffer.from(result.data).equals(Buffer.from(bytes.subarray(100, 350)))).toBe(true)
  })

  it('is strict about ranges, with the errCodes of the typings table', async () => {
    const { fs, path } = setup()
    const read = (position?: number, length?: number) =>
      failureOf<FileFailure>((cb) =>
        fs.readFile({
          filePath: path,
          position,
          length,
          ...cb,
        } as WechatMiniprogram.ReadFileOption),
      )
    expect(await read(1000, 1)).toEqual({
      errMsg: 'readFile:fail the value of "position" is out of range',
      errCode: 1301009,
    })
    expect(await read(-1, 1)).toMatchObject({ errCode: 1301009 })
    expect(await read(0, 0)).toEqual({
      errMsg: 'readFile:fail the value of "length" is out of range',
      errCode: 1301006,
    })
    expect(await read(999, 2)).toMatchObject({ errCode: 1301006 })
  })

  it('reports a missing file as 1300002 with the path', async () => {
    const { fs } = setup()
    const failure = await failureOf<FileFailure>((cb) =>
      fs.readFile({
        filePath: 'wxfile://tmp_missing.mp4',
        position: 0,
        length: 1,
        ...cb,
      } as WechatMiniprogram.ReadFileOption),
    )
    expect(failure).toEqual({
      errMsg: 'readFile:fail no such file or directory, open wxfile://tmp_missing.mp4',
      errCode: 1300002,
    })
  })

  it('refuses whole-file reads over the 100 MB cap (and ranged reads over a configured cap) with 1300202', async () => {
    const { fs, path } = setup({
      fileSystem: { wholeFileReadLimit: 999, rangedReadFileLimit: 500 },
    })
    const whole = await failureOf<FileFailure>((cb) => fs.readFile({ filePath: path, ...cb }))
    expect(whole).toEqual({
      errMsg: 'readFile:fail the maximum size of the file storage limit is exceeded',
      errCode: 1300202,
    })
    const ranged = await failureOf<FileFailure>((cb) =>
      fs.readFile({
        filePath: path,
        position: 0,
        length: 10,
        ...cb,
      } as WechatMiniprogram.ReadFileOption),
    )
    expect(ranged.errCode).toBe(1300202)
  })

  it('opens string fds, reads with length defaulting to 0, and rejects bad fds', async () => {
    const { fs, path } = setup({ fileSystem: { maxOpenFiles: 1 } })
    const { fd } = await call<{ fd: string }>((cb) => fs.open({ filePath: path, ...cb }))
    expect(typeof fd).toBe('string')
    const target = new ArrayBuffer(20)
    const none = await call<{ bytesRead: number }>((cb) =>
      fs.read({ fd, arrayBuffer: target, ...cb }),
    )
    expect(none.bytesRead).toBe(0)
    const some = await call<{ bytesRead: number }>((cb) =>
      fs.read({ fd, arrayBuffer: target, offset: 5, length: 10, position: 990, ...cb }),
    )
    expect(some.bytesRead).toBe(10)
    expect(Buffer.from(target, 5, 10).equals(Buffer.from(bytes.subarray(990)))).toBe(true)
    const tooMany = await failureOf<FileFailure>((cb) => fs.open({ filePath: path, ...cb }))
    expect(tooMany).toEqual({
      errMsg: 'open:fail excced max concurrent fd limit',
      errCode: 1302002,
    })
    const offset = await failureOf<FileFailure>((cb) =>
      fs.read({ fd, arrayBuffer: target, offset: 15, length: 10, ...cb }),
    )
    expect(offset.errCode).toBe(1301006)
    const stats = await call<{ stats: WechatMiniprogram.Stats }>((cb) => fs.fstat({ fd, ...cb }))
    expect(stats.stats.size).toBe(1000)
    await call((cb) => fs.close({ fd, ...cb }))
    const closed = await failureOf<FileFailure>((cb) =>
      fs.read({ fd, arrayBuffer: target, length: 1, ...cb }),
    )
    expect(closed).toEqual({ errMsg: 'read:fail bad file descriptor', errCode: 1300009 })
  })

  it('stats, checks access and digests files', async () => {
    const { fs, path } = setup()
    const result = await call<WechatMiniprogram.StatSuccessCallbackResult>((cb) =>
      fs.stat({ path, ...cb }),
    )
    const stats = result.stats as WechatMiniprogram.Stats
    expect(stats.size).toBe(1000)
    expect(stats.isFile()).toBe(true)
    expect(stats.lastModifiedTime).toBeLessThan(Date.now() / 100)
    await call((cb) => fs.access({ path, ...cb }))
    const gone = await failureOf<FileFailure>((cb) =>
      fs.access({ path: 'wxfile://tmp_gone', ...cb }),
    )
    expect(gone.errCode).toBe(1300002)
    expect(() => fs.accessSync('wxfile://tmp_gone')).toThrow(/accessSync:fail no such file/)
    const info = await call<{ size: number; digest: string }>((cb) =>
      fs.getFileInfo({ filePath: path, digestAlgorithm: 'md5', ...cb }),
    )
    expect(info.size).toBe(1000)
    expect(info.digest).toMatch(/^[0-9a-f]{32}$/)
  })

  it('makes temp paths in WeChat formats and evicts them on a cold restart, keeping user files', () => {
    double = createWxDouble()
    const temp = double.files.create('x', { name: 'a.mp4' })
    const devtools = double.files.create('x', { name: 'b.jpg', style: 'devtools' })
    const user = double.files.create('x', { name: 'keep.txt', kind: 'usr' })
    expect(temp).toMatch(/^wxfile:\/\/tmp_[0-9a-f]{32}\.mp4$/)
    expect(devtools).toMatch(/^http:\/\/tmp\/[0-9a-f]{32}\.jpg$/)
    expect(user).toBe(`${double.wx.env.USER_DATA_PATH}/keep.txt`)
    const fs = double.wx.getFileSystemManager()
    double.files.evictTempFiles()
    expect(() => fs.statSync(temp)).toThrow(/no such file/)
    expect(() => fs.statSync(devtools)).toThrow(/no such file/)
    expect((fs.statSync(user) as WechatMiniprogram.Stats).size).toBe(1)
    expect(double.files.realPath('wxfile://usr/../../../etc/passwd')).toBeUndefined()
  })

  it('hands out queued picks from the choosers, and fails with cancel when nothing is queued', async () => {
    double = createWxDouble()
    const clip = double.files.create(patternBytes(300), { name: 'clip.mp4' })
    double.queuePick(clip)
    const media = await double.wx.chooseMedia({ mediaType: ['video'] })
    expect(media.tempFiles[0]).toMatchObject({ tempFilePath: clip, size: 300, fileType: 'video' })
    expect(media.tempFiles[0].thumbTempFilePath).toMatch(/^wxfile:\/\/tmp_.*\.jpg$/)
    double.queuePick(clip)
    const legacy = await call<WechatMiniprogram.ChooseVideoSuccessCallbackResult>((cb) =>
      double.wx.chooseVideo(cb),
    )
    expect(legacy).toMatchObject({ tempFilePath: clip, size: 300 })
    const canceled = await failureOf<{ errMsg: string }>((cb) => double.wx.chooseImage(cb))
    expect(canceled.errMsg).toBe('chooseImage:fail cancel')
  })
})
