import type { UploadInfo } from '@vodup/callback-compat'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { callbackSequence, KiB, patternBytes, sameBytes, until, untilCalled } from '#test-support'
import { onceProgress } from './helpers/miniprogram-app'
import { miniProgramStage } from './helpers/stage'

const stage = miniProgramStage()

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the documented list and control methods in a mini program', () => {
  it('stopUpload stops the requests in flight, the file reads Stoped when it returns; startUpload resumes the same upload', async () => {
    let readAfterStop: string | undefined
    const { uploader, calls } = stage.app('upload-auth', {}, (vod) =>
      onceProgress(
        (loadedPercent) => loadedPercent > 0,
        () => {
          vod.stopUpload()
          readAfterStop = vod.listFiles()[0].state
        },
      ),
    )
    const bytes = patternBytes(700 * KiB, 5)
    const info = await stage.upload({ uploader, calls }, bytes, 'onUploadCanceled')
    expect(readAfterStop).toBe('Stoped')
    expect(info.state).toBe('Stoped')
    // Every callback after the stop saw Stoped, never Uploading again.
    const stoppedAt = calls.findIndex((c) => c.name === 'onUploadProgress' && c.loaded > 0)
    expect(new Set(calls.slice(stoppedAt + 1).map((c) => c.state))).toEqual(new Set(['Stoped']))
    // Nothing of the upload runs or waits for a request slot, and nothing was sent since.
    await until(
      () => stage.double.network.inFlight === 0 && stage.double.network.queued === 0,
      'the aborted requests to end',
    )
    const quiet = stage.double.network.calls.length
    expect(info.state).toBe('Stoped')
    expect(stage.double.network.calls.length).toBe(quiet)

    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadCanceled',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    const restarts = calls.filter((c) => c.name === 'onUploadstarted')
    expect((restarts[1].args[0] as UploadInfo).videoId).toBe(info.videoId)
    expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
    const log = stage.emulator.requests()
    expect(log.filter((e) => e.operation === 'RefreshUploadVideo')).toHaveLength(1)
    expect(log.filter((e) => e.operation === 'InitiateMultipartUpload')).toHaveLength(1)
    expect(stage.acknowledgedPartCounts().every((count) => count === 1)).toBe(true)
  })

  it('cancelFile: Canceled when it returns, then the upload is discarded on the server; resumeFile makes it ready again', async () => {
    let answer: boolean | undefined
    let readAfterCancel: string | undefined
    let abortsBeforeReturn = -1
    const { uploader, calls } = stage.app('upload-auth', {}, (vod) =>
      onceProgress(
        (loadedPercent) => loadedPercent > 0,
        () => {
          answer = vod.cancelFile(0)
          readAfterCancel = vod.listFiles()[0].state
          abortsBeforeReturn = stage.emulator
            .requests()
            .filter((e) => e.operation === 'AbortMultipartUpload').length
        },
      ),
    )
    const bytes = patternBytes(600 * KiB, 6)
    const info = await stage.upload({ uploader, calls }, bytes)
    expect(answer).toBe(true)
    expect(readAfterCancel).toBe('Canceled')
    expect(abortsBeforeReturn).toBe(0)
    const canceledAt = calls.findIndex((c) => c.name === 'onUploadProgress' && c.loaded > 0)
    expect(new Set(calls.slice(canceledAt + 1).map((c) => c.state))).toEqual(new Set(['Canceled']))
    expect(info.state).toBe('Canceled')
    const canceledCall = calls.find((c) => c.name === 'onUploadCanceled')!
    expect(canceledCall.args).toEqual([info, { status: 0, name: 'cancel' }])
    expect(stage.emulator.requests().some((e) => e.operation === 'AbortMultipartUpload')).toBe(true)
    expect(stage.emulator.listMultipartUploads()).toEqual([])

    expect(uploader.resumeFile(0)).toBe(true)
    expect(info.state).toBe('Ready')
    calls.length = 0
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(info.state).toBe('Success')
    expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
  })

  it('uploads several files one at a time in list order; deleteFile, listFiles and cleanList keep the list', async () => {
    const { uploader, calls } = stage.app('upload-auth')
    const picked = [1, 2, 3, 4].map((seed) => {
      const bytes = patternBytes((150 + seed * 40) * KiB, seed)
      const path = stage.double.files.create(bytes, { name: `clip${seed}.mp4` })
      return { path, bytes }
    })
    for (const { path } of picked) {
      expect(uploader.addFile({ url: path }, null, null, null, '{"Vod":{"Title":"clip"}}')).toBe(
        true,
      )
    }
    expect(uploader.addFile({ url: picked[0].path })).toBe(false)
    expect(uploader.deleteFile(2)).toBe(true)
    expect(uploader.deleteFile(9)).toBe(false)
    const listed = uploader.listFiles()
    expect(listed.map((i) => i.url)).toEqual([picked[0].path, picked[1].path, picked[3].path])
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')

    const milestones = calls
      .filter((c) => ['onUploadstarted', 'onUploadSucceed', 'onUploadEnd'].includes(c.name))
      .map((c) => `${c.name}:${listed.indexOf(c.args[0] as UploadInfo)}`)
    expect(milestones).toEqual([
      'onUploadstarted:0',
      'onUploadSucceed:0',
      'onUploadstarted:1',
      'onUploadSucceed:1',
      'onUploadstarted:2',
      'onUploadSucceed:2',
      'onUploadEnd:2',
    ])
    for (const [index, file] of [picked[0], picked[1], picked[3]].entries()) {
      expect(sameBytes(await stage.stored(listed[index]), file.bytes)).toBe(true)
    }
    const creates = stage.emulator.requests().filter((e) => e.operation === 'CreateUploadVideo')
    expect(creates).toHaveLength(3)

    uploader.cleanList()
    expect(uploader.listFiles()).toEqual([])
  })

  it('refuses the documentation’s invalid userData with a clear error and keeps the list', () => {
    const { uploader, calls } = stage.app('upload-auth')
    const first = stage.double.files.create(patternBytes(10), { name: 'a.mp4' })
    const second = stage.double.files.create(patternBytes(10), { name: 'b.mp4' })
    uploader.addFile({ url: first }, null, null, null, '{"Vod":{}}')
    let thrown: { code?: string; message?: string; field?: string } | undefined
    try {
      uploader.addFile(
        { url: second },
        null,
        null,
        null,
        '{"Vod":{"Title":"test","CateId":"234"}"}',
      )
    } catch (error) {
      thrown = error as typeof thrown
    }
    expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'userData' })
    expect(thrown?.message).toBe(
      'userData is not valid JSON: expected "," or "}" but found "\\"" at position 38 (character 39), right after …":"test","CateId":"234"}.',
    )
    expect(uploader.listFiles().map((i) => i.url)).toEqual([first])
    expect(calls.map((c) => c.name)).toEqual(['addFileSuccess'])
  })

  it('uploads with options the mini-program SDK ignored: parallel 10 runs at most 8 parts at once, a partSize string is used', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { uploader, calls } = stage.app('upload-auth', {
      parallel: 10,
      partSize: '102400',
      retryCount: '3',
    } as never)
    const bytes = patternBytes(1000 * KiB, 8)
    const info = await stage.upload({ uploader, calls }, bytes)
    expect(info.state).toBe('Success')
    expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
    expect(stage.emulator.requests().filter((e) => e.operation === 'UploadPart')).toHaveLength(10)
    expect(stage.double.network.peakInFlight).toBeLessThanOrEqual(8)
  })

  it('uploads in the STS flow without userData', async () => {
    const { uploader, calls } = stage.app('sts', {
      vodEndpoint: stage.emulator.url,
    })
    const bytes = patternBytes(120 * KiB, 9)
    const path = stage.double.files.create(bytes, { name: 'plain.mp4' })
    expect(uploader.addFile({ url: path })).toBe(true)
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    const [info] = uploader.listFiles()
    expect(info.state).toBe('Success')
    expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
  })
})
