import { describe, expect, it } from 'vitest'
import { callbackSequence, KiB, patternBytes, sameBytes } from '#test-support'
import { type CredentialMode, onceProgress } from './helpers/miniprogram-app'
import { miniProgramStage } from './helpers/stage'

const stage = miniProgramStage()

describe.each<CredentialMode>(['upload-auth', 'sts'])(
  'the documented %s flow in a mini program',
  (mode) => {
    const options = () => (mode === 'sts' ? { vodEndpoint: stage.emulator.url } : {})

    it('uploads a video picked with wx.chooseVideo', async () => {
      const { uploader, calls } = stage.app(mode, options())
      const bytes = patternBytes(450 * KiB)
      const info = await stage.upload({ uploader, calls }, bytes)

      expect(callbackSequence(calls)).toEqual([
        'addFileSuccess',
        'onUploadstarted',
        'onUploadProgress*',
        'onUploadSucceed',
        'onUploadEnd',
      ])
      expect(calls.every((c) => c.args[0] === info)).toBe(true)
      expect(calls.map((c) => c.state)).toEqual([
        'Ready',
        ...calls.slice(1, -2).map(() => 'Uploading'),
        'Success',
        'Success',
      ])
      const progress = calls.filter((c) => c.name === 'onUploadProgress')
      expect(progress.every((c) => c.args[1] === bytes.length)).toBe(true)
      expect(progress.map((c) => Math.ceil((c.args[2] as number) * 100))).toEqual(
        expect.arrayContaining([0, 100]),
      )
      expect(progress.slice(0, -1).every((c) => (c.args[2] as number) < 1)).toBe(true)
      expect(info).toMatchObject({
        url: expect.stringMatching(/^wxfile:\/\/tmp_[0-9a-f]{32}\.mp4$/),
        state: 'Success',
        videoId: expect.any(String),
        bucket: stage.emulator.defaultBucket,
        endpoint: stage.emulator.url,
        isImage: false,
        loaded: 1,
        fileSize: bytes.length,
      })
      expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
      const operations = stage.emulator.requests().map((e) => e.operation)
      expect(operations.filter((o) => o === 'CreateUploadVideo')).toHaveLength(1)
      expect(operations.includes('AssumeRole')).toBe(mode === 'sts')
      expect(stage.acknowledgedPartCounts()).toEqual([1, 1, 1, 1, 1])
    })

    it('answers a token expiry mid-upload and goes on with the same upload', async () => {
      const { uploader, calls } = stage.app(
        mode,
        options(),
        onceProgress(
          (loadedPercent) => loadedPercent > 0,
          () => void stage.emulator.faults.expireAllTokens(),
        ),
      )
      const bytes = patternBytes(700 * KiB, 3)
      const info = await stage.upload({ uploader, calls }, bytes)

      expect(callbackSequence(calls)).toEqual([
        'addFileSuccess',
        'onUploadstarted',
        'onUploadProgress*',
        'onUploadTokenExpired',
        'onUploadProgress*',
        'onUploadSucceed',
        'onUploadEnd',
      ])
      const expiry = calls.find((c) => c.name === 'onUploadTokenExpired')!
      expect(expiry.args[0]).toBe(info)
      expect(expiry.state).toBe('Uploading')
      expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
      const log = stage.emulator.requests()
      expect(log.some((e) => e.code === 'SecurityTokenExpired')).toBe(true)
      expect(new Set(log.filter((e) => e.uploadId).map((e) => e.uploadId)).size).toBe(1)
      expect(log.filter((e) => e.operation === 'RefreshUploadVideo')).toHaveLength(1)
      expect(stage.acknowledgedPartCounts().every((count) => count === 1)).toBe(true)
    })
  },
)
