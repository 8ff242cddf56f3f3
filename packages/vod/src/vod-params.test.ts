import { describe, expect, it } from 'vitest'
import { checkVodInfo, uploadActionFor, uploadActionParams } from './vod-params'

const file = (name: string, meta: Record<string, unknown> = {}, extra: object = {}) => ({
  name,
  meta,
  size: 1234,
  videoId: undefined as string | undefined,
  ...extra,
})

describe('uploadActionFor', () => {
  it('refreshes a file with a video id, creates an image for images and a video otherwise', () => {
    expect(uploadActionFor(file('a.mp4', {}, { videoId: 'v' }))).toBe('RefreshUploadVideo')
    expect(uploadActionFor(file('a.png'))).toBe('CreateUploadImage')
    expect(uploadActionFor(file('a.mp4', { isImage: true }))).toBe('CreateUploadImage')
    expect(uploadActionFor(file('xjpg.mp4'))).toBe('CreateUploadVideo')
  })
})

describe('uploadActionParams', () => {
  it('maps every Vod key CreateUploadVideo takes, UserData objects as JSON text', () => {
    const userData = JSON.stringify({
      Vod: {
        Title: 'Holiday',
        Description: 'at sea',
        CateId: 1000,
        Tags: ['sea', 'sun'],
        TemplateGroupId: 'tg',
        WorkflowId: 'wf',
        StorageLocation: 'outin-x.oss-cn-shanghai.aliyuncs.com',
        CoverURL: 'https://example.com/c.png',
        AppId: 'app-1',
        UserData: { MessageCallback: { CallbackURL: 'https://example.com/cb' }, Extend: { a: 1 } },
        Unknown: 'dropped',
        ImageType: 'cover',
      },
    })
    expect(uploadActionParams('CreateUploadVideo', file('holiday.mp4', { userData }))).toEqual({
      Title: 'Holiday',
      FileName: 'holiday.mp4',
      FileSize: '1234',
      Description: 'at sea',
      CateId: '1000',
      Tags: 'sea,sun',
      TemplateGroupId: 'tg',
      WorkflowId: 'wf',
      StorageLocation: 'outin-x.oss-cn-shanghai.aliyuncs.com',
      CoverURL: 'https://example.com/c.png',
      AppId: 'app-1',
      UserData: '{"MessageCallback":{"CallbackURL":"https://example.com/cb"},"Extend":{"a":1}}',
    })
  })

  it('passes a UserData string through unchanged', () => {
    const params = uploadActionParams(
      'CreateUploadVideo',
      file('a.mp4', { vod: { UserData: '{"Extend":{"a":1}}' } }),
    )
    expect(params.UserData).toBe('{"Extend":{"a":1}}')
  })

  it('titles a file after its name when the Title is missing or empty, never "undefined"', () => {
    for (const meta of [
      {},
      { userData: '{"Vod":{}}' },
      { userData: '{"Vod":{"Title":""}}' },
      { vod: { Title: null } },
    ]) {
      expect(uploadActionParams('CreateUploadVideo', file('clip.mov', meta)).Title).toBe('clip.mov')
    }
    const params = uploadActionParams(
      'CreateUploadVideo',
      file('clip.mov', {}, { size: undefined }),
    )
    expect(Object.values(params)).not.toContain('undefined')
    expect(params.FileSize).toBeUndefined()
  })

  it('maps image parameters, the extension as ImageExt', () => {
    expect(
      uploadActionParams('CreateUploadImage', file('Cover.JPG', { vod: { Tags: 't', CateId: 3 } })),
    ).toEqual({ Title: 'Cover.JPG', ImageType: 'default', ImageExt: 'jpg', Tags: 't', CateId: '3' })
    expect(
      uploadActionParams(
        'CreateUploadImage',
        file('c.png', { vod: { ImageType: 'cover', ImageExt: 'gif' } }),
      ),
    ).toMatchObject({ ImageType: 'cover', ImageExt: 'gif' })
  })

  it('sends only VideoId to RefreshUploadVideo', () => {
    expect(
      uploadActionParams(
        'RefreshUploadVideo',
        file('a.mp4', { vod: { Title: 'x' } }, { videoId: 'v1' }),
      ),
    ).toEqual({
      VideoId: 'v1',
    })
  })
})

describe('checkVodInfo', () => {
  it('names a Vod value of the wrong type', () => {
    expect(() => checkVodInfo(file('a.mp4', { vod: { CateId: { x: 1 } } }))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'userData.Vod.CateId' }),
    )
    expect(() => checkVodInfo(file('a.mp4', { vod: { Tags: [1, 2] } }))).toThrow(
      expect.objectContaining({ field: 'userData.Vod.Tags' }),
    )
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    // A meta.vod that refers to itself is refused as meta.vod, before its UserData is made JSON.
    expect(() => checkVodInfo(file('a.mp4', { vod: { UserData: cyclic } }))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'meta.vod' }),
    )
    expect(() => checkVodInfo(file('a.mp4', { userData: '{"Vod":{"Title":"ok"}}' }))).not.toThrow()
  })
})
