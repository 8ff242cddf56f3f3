import { isUploadError } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { patternBytes } from '#test-support'
import { useLocalServer } from './local-server'
import { wxTransportOnDouble } from './wx-transport-on-double'

const server = useLocalServer()

describe('form upload through wx.uploadFile', () => {
  it('is off unless asked for', () => {
    const { transport } = wxTransportOnDouble()
    expect(transport.uploadForm).toBeUndefined()
    expect(transport.capabilities.formUploadMaxSize).toBeUndefined()
  })

  it('posts the file with fields, reports file-byte progress up to the size, and returns lower-cased headers', async () => {
    const { double, transport } = wxTransportOnDouble({}, { formUpload: { maxSize: 1024 * 1024 } })
    expect(transport.capabilities.formUploadMaxSize).toBe(1024 * 1024)
    const bytes = patternBytes(150 * 1024)
    const tempFilePath = double.files.create(bytes, { name: 'a.mp4' })
    const progress: Array<[number, number]> = []
    const response = await transport.uploadForm!({
      url: `${server.url}/form`,
      fields: { key: 'a.mp4', success_action_status: '200' },
      file: { tempFilePath, size: bytes.length },
      fileField: 'file',
      onUploadProgress: (sent, total) => progress.push([sent, total]),
    })
    expect(response.status).toBe(200)
    expect(response.headers.etag).toBe('"etag"')
    expect(progress.at(-1)).toEqual([bytes.length, bytes.length])
    expect(progress.every(([sent], i) => i === 0 || sent >= progress[i - 1][0])).toBe(true)
    expect(server.received.at(-1)!.body.indexOf(Buffer.from(bytes))).toBeGreaterThan(0)
  })

  it('says the temp file is gone before posting when it vanished', async () => {
    const { double, transport } = wxTransportOnDouble({}, { formUpload: { maxSize: 100 } })
    const error = await transport.uploadForm!({
      url: `${server.url}/form`,
      fields: {},
      file: 'wxfile://tmp_gone.mp4',
      fileField: 'file',
    }).catch((e: unknown) => e)
    expect(isUploadError(error) && error.code).toBe('FILE_NOT_FOUND')
    expect(double.network.calls).toHaveLength(0)
  })
})
