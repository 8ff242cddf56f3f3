import type { UploadInfo } from '@vodup/callback-compat'
import { type Emulator, startEmulator } from '@vodup/emulator'
import { createWxDouble, type WxDouble } from '@vodup/transport-wx/double'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type AppServer, appServer } from './helpers/app-server'
import { bytesOf, KiB, sameBytes } from './helpers/bytes'
import { type CredentialMode, documentedApp } from './helpers/miniprogram-app'
import { sequence, until } from './helpers/recorder'
import { loadWxBundle, type VODUploadClass } from './helpers/wx-bundle'

let emulator: Emulator
let server: AppServer
let double: WxDouble
let VODUpload: VODUploadClass

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
  server = appServer(emulator)
})

afterAll(async () => {
  await emulator.stop()
})

beforeEach(() => {
  double = createWxDouble()
  VODUpload = loadWxBundle(double.wx)
  emulator.clearRequests()
  emulator.faults.clear()
})

afterEach(() => {
  double.dispose()
})

/** What the user picks in wx.chooseVideo. */
function pickVideo(bytes: Uint8Array): void {
  double.queuePick(double.files.create(bytes, { name: 'movie.mp4' }))
}

/** The documented way to add the picked video and start. */
function chooseAndUpload(uploader: InstanceType<VODUploadClass>, userData = '{"Vod":{}}') {
  double.wx.chooseVideo({
    success(res: { tempFilePath: string; thumbTempFilePath?: string }) {
      uploader.addFile(
        { url: res.tempFilePath, coverUrl: res.thumbTempFilePath },
        null,
        null,
        null,
        userData,
      )
      uploader.startUpload()
    },
  })
}

async function stored(info: UploadInfo): Promise<Uint8Array | undefined> {
  return emulator.getObject(info.bucket as string, info.object as string)
}

/** Acknowledged UploadPart requests per upload id and part number: each must be 1. */
function acknowledgedPartCounts(): number[] {
  const counts = new Map<string, number>()
  for (const entry of emulator.requests()) {
    if (entry.operation !== 'UploadPart' || entry.status !== 200) continue
    const key = `${entry.uploadId}#${entry.partNumber}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts.values()]
}

describe.each<CredentialMode>(['upload-auth', 'sts'])(
  'the documented %s flow in a mini program',
  (mode) => {
    const options = () => (mode === 'sts' ? { vodEndpoint: emulator.url } : {})

    it('uploads a video picked with wx.chooseVideo', async () => {
      const { uploader, calls } = documentedApp(VODUpload, server, mode, options())
      const bytes = bytesOf(450 * KiB)
      pickVideo(bytes)
      chooseAndUpload(uploader)
      await until(() => calls.some((c) => c.name === 'onUploadEnd'))

      const [info] = uploader.listFiles()
      expect(sequence(calls)).toEqual([
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
        bucket: emulator.defaultBucket,
        endpoint: emulator.url,
        isImage: false,
        loaded: 1,
        fileSize: bytes.length,
      })
      expect(sameBytes(await stored(info), bytes)).toBe(true)
      const operations = emulator.requests().map((e) => e.operation)
      expect(operations.filter((o) => o === 'CreateUploadVideo')).toHaveLength(1)
      expect(operations.includes('AssumeRole')).toBe(mode === 'sts')
      expect(acknowledgedPartCounts()).toEqual([1, 1, 1, 1, 1])
    })

    it('answers a token expiry mid-upload and goes on with the same upload', async () => {
      let expired = false
      const { uploader, calls } = documentedApp(VODUpload, server, mode, options(), {
        onUploadProgress(_info, _total, loadedPercent) {
          if (loadedPercent > 0 && !expired) {
            expired = true
            void emulator.faults.expireAllTokens()
          }
        },
      })
      const bytes = bytesOf(700 * KiB, 3)
      pickVideo(bytes)
      chooseAndUpload(uploader)
      await until(() => calls.some((c) => c.name === 'onUploadEnd'))

      const [info] = uploader.listFiles()
      expect(sequence(calls)).toEqual([
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
      expect(sameBytes(await stored(info), bytes)).toBe(true)
      const log = emulator.requests()
      expect(log.some((e) => e.code === 'SecurityTokenExpired')).toBe(true)
      expect(new Set(log.filter((e) => e.uploadId).map((e) => e.uploadId)).size).toBe(1)
      expect(log.filter((e) => e.operation === 'RefreshUploadVideo')).toHaveLength(1)
      expect(acknowledgedPartCounts().every((count) => count === 1)).toBe(true)
    })
  },
)

describe('the documented list and control methods in a mini program', () => {
  it('stopUpload stops the requests in flight; startUpload resumes the same upload', async () => {
    let stopped = false
    let vod: InstanceType<VODUploadClass> | undefined
    const { uploader, calls } = documentedApp(
      VODUpload,
      server,
      'upload-auth',
      {},
      {
        onUploadProgress(_info, _total, loadedPercent) {
          if (loadedPercent > 0 && !stopped) {
            stopped = true
            vod?.stopUpload()
          }
        },
      },
    )
    vod = uploader
    const bytes = bytesOf(700 * KiB, 5)
    pickVideo(bytes)
    chooseAndUpload(uploader)
    await until(() => calls.some((c) => c.name === 'onUploadCanceled'))
    const [info] = uploader.listFiles()
    expect(info.state).toBe('Stoped')
    const quiet = emulator.requests().length
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(emulator.requests().length).toBe(quiet)

    uploader.startUpload()
    await until(() => calls.some((c) => c.name === 'onUploadEnd'))
    expect(sequence(calls)).toEqual([
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
    expect(sameBytes(await stored(info), bytes)).toBe(true)
    const log = emulator.requests()
    expect(log.filter((e) => e.operation === 'RefreshUploadVideo')).toHaveLength(1)
    expect(log.filter((e) => e.operation === 'InitiateMultipartUpload')).toHaveLength(1)
    expect(acknowledgedPartCounts().every((count) => count === 1)).toBe(true)
  })

  it('cancelFile discards the upload on the server; resumeFile makes it ready again', async () => {
    let canceled = false
    let vod: InstanceType<VODUploadClass> | undefined
    const { uploader, calls } = documentedApp(
      VODUpload,
      server,
      'upload-auth',
      {},
      {
        onUploadProgress(_info, _total, loadedPercent) {
          if (loadedPercent > 0 && !canceled) {
            canceled = true
            expect(vod?.cancelFile(0)).toBe(true)
          }
        },
      },
    )
    vod = uploader
    const bytes = bytesOf(600 * KiB, 6)
    pickVideo(bytes)
    chooseAndUpload(uploader)
    await until(() => calls.some((c) => c.name === 'onUploadEnd'))
    const [info] = uploader.listFiles()
    expect(info.state).toBe('Canceled')
    const canceledCall = calls.find((c) => c.name === 'onUploadCanceled')!
    expect(canceledCall.args).toEqual([info, { status: 0, name: 'cancel' }])
    expect(emulator.requests().some((e) => e.operation === 'AbortMultipartUpload')).toBe(true)
    expect(emulator.listMultipartUploads()).toEqual([])

    expect(uploader.resumeFile(0)).toBe(true)
    expect(info.state).toBe('Ready')
    calls.length = 0
    uploader.startUpload()
    await until(() => calls.some((c) => c.name === 'onUploadEnd'))
    expect(info.state).toBe('Success')
    expect(sameBytes(await stored(info), bytes)).toBe(true)
  })

  it('uploads several files one at a time in list order; deleteFile, listFiles and cleanList keep the list', async () => {
    const { uploader, calls } = documentedApp(VODUpload, server, 'upload-auth')
    const picked = [1, 2, 3, 4].map((seed) => {
      const bytes = bytesOf((150 + seed * 40) * KiB, seed)
      const path = double.files.create(bytes, { name: `clip${seed}.mp4` })
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
    await until(() => calls.some((c) => c.name === 'onUploadEnd'))

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
      expect(sameBytes(await stored(listed[index]), file.bytes)).toBe(true)
    }
    const creates = emulator.requests().filter((e) => e.operation === 'CreateUploadVideo')
    expect(creates).toHaveLength(3)

    uploader.cleanList()
    expect(uploader.listFiles()).toEqual([])
  })

  it('refuses the documentation’s invalid userData with a clear error and keeps the list', () => {
    const { uploader, calls } = documentedApp(VODUpload, server, 'upload-auth')
    const first = double.files.create(bytesOf(10), { name: 'a.mp4' })
    const second = double.files.create(bytesOf(10), { name: 'b.mp4' })
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

  it('uploads in the STS flow without userData', async () => {
    const { uploader, calls } = documentedApp(VODUpload, server, 'sts', {
      vodEndpoint: emulator.url,
    })
    const bytes = bytesOf(120 * KiB, 9)
    const path = double.files.create(bytes, { name: 'plain.mp4' })
    expect(uploader.addFile({ url: path })).toBe(true)
    uploader.startUpload()
    await until(() => calls.some((c) => c.name === 'onUploadEnd'))
    const [info] = uploader.listFiles()
    expect(info.state).toBe('Success')
    expect(sameBytes(await stored(info), bytes)).toBe(true)
  })
})
