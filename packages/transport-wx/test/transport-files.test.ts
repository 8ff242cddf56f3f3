import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { patternBytes, uploadErrorOf } from '#test-support'
import type { WxDoubleOptions } from '../src/double/index'
import type { WxTransportOptions } from '../src/index'
import { wxTransportOnDouble } from './wx-transport-on-double'

/** A transport on a `wx` double that holds a 5000-byte temp file. */
function setup(doubleOptions: WxDoubleOptions = {}, options: WxTransportOptions = {}) {
  const { double, transport } = wxTransportOnDouble(doubleOptions, options)
  const bytes = patternBytes(5000)
  const path = double.files.create(bytes, { name: 'movie.mp4' })
  return { double, transport, bytes, path }
}

describe('wx transport files', () => {
  it('accepts chooser results, { url } and path strings, and refuses anything else', () => {
    const { transport } = setup()
    const path = 'wxfile://tmp_abc.mp4'
    expect(transport.identify({ tempFilePath: path, size: 10 })).toEqual({
      key: path,
      name: 'tmp_abc.mp4',
      size: 10,
    })
    expect(transport.identify({ path, size: 10 })).toEqual({
      key: path,
      name: 'tmp_abc.mp4',
      size: 10,
    })
    expect(transport.identify({ url: path, coverUrl: 'x' })).toEqual({
      key: path,
      name: 'tmp_abc.mp4',
    })
    expect(transport.identify(path)).toEqual({ key: path, name: 'tmp_abc.mp4' })
    for (const bad of [undefined, 42, {}, { url: '' }, { tempFilePath: 5 }]) {
      expect(() => transport.identify(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    }
  })

  it('reads exact ranges with ranged readFile only, never the whole file', async () => {
    const { double, transport, bytes, path } = setup()
    const source = await transport.openFile({ tempFilePath: path })
    expect(source.size).toBe(5000)
    expect(source.lastModified).toBeGreaterThan(0)
    expect(
      Buffer.from(await source.read(1000, 3000)).equals(Buffer.from(bytes.subarray(1000, 3000))),
    ).toBe(true)
    expect(Buffer.from(await source.read(4999, 5000))).toEqual(Buffer.from(bytes.subarray(4999)))
    const reads = double.files.operations.filter((op) => op.api === 'readFile')
    expect(reads).toEqual([
      { api: 'readFile', path, position: 1000, length: 2000 },
      { api: 'readFile', path, position: 4999, length: 1 },
    ])
    await source.close()
  })

  it('falls back to open + read when ranged readFile refuses a large file, and closes the descriptor', async () => {
    const { double, transport, bytes, path } = setup({ fileSystem: { rangedReadFileLimit: 1000 } })
    const source = await transport.openFile(path)
    expect(
      Buffer.from(await source.read(0, 2500)).equals(Buffer.from(bytes.subarray(0, 2500))),
    ).toBe(true)
    expect(
      Buffer.from(await source.read(2500, 5000)).equals(Buffer.from(bytes.subarray(2500))),
    ).toBe(true)
    const apis = double.files.operations.map((op) => op.api)
    expect(apis.filter((api) => api === 'read')).toHaveLength(2)
    expect(apis.filter((api) => api === 'open')).toHaveLength(1)
    await source.close()
    const fs = double.wx.getFileSystemManager()
    expect(() => fs.openSync({ filePath: path })).not.toThrow()
  })

  it('reads with open + read when asked to', async () => {
    const { double, transport, bytes, path } = setup({}, { readMode: 'fd' })
    const source = await transport.openFile(path)
    expect(Buffer.from(await source.read(10, 20)).equals(Buffer.from(bytes.subarray(10, 20)))).toBe(
      true,
    )
    expect(double.files.operations.some((op) => op.api === 'readFile')).toBe(false)
  })

  it('fails with FILE_CHANGED when the file changed since it was opened', async () => {
    const { double, transport, path } = setup()
    const source = await transport.openFile(path)
    writeFileSync(double.files.realPath(path)!, patternBytes(4000))
    const error = await uploadErrorOf(source.read(0, 100))
    expect(error.code).toBe('FILE_CHANGED')
  })

  it('says the temp file is gone and must be picked again when it vanished', async () => {
    const { double, transport, path } = setup()
    const source = await transport.openFile(path)
    double.files.evictTempFiles()
    const error = await uploadErrorOf(source.read(0, 100))
    expect(error.code).toBe('FILE_NOT_FOUND')
    expect(error.message).toContain(path)
    expect(error.message).toMatch(/temp file .* is gone.*pick the file again/)
    const atOpen = await uploadErrorOf(transport.openFile(path))
    expect(atOpen.code).toBe('FILE_NOT_FOUND')
    const user = await uploadErrorOf(transport.openFile('wxfile://usr/none.mp4'))
    expect(user.message).toMatch(
      /^No file at wxfile:\/\/usr\/none.mp4 \(stat: stat:fail no such file/,
    )
  })
})
