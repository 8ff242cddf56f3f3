import { writeFile } from 'node:fs/promises'
import type { UploadInfo } from '@vodup/callback-compat'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type AppServer,
  appServer,
  callbackSequence,
  KiB,
  patternBytes,
  sameBytes,
  untilCalled,
  useEmulator,
  useTempDir,
} from '#test-support'
import type { VODUploadOptions } from '../src/index'
import { VODUpload } from '../src/node'
import { documentedApp, type ExtraCallbacks, onceProgress } from './helpers/miniprogram-app'
import type { VODUploadClass } from './helpers/wx-bundle'

const emulator = useEmulator()
const files = useTempDir()
let server: AppServer
const home = process.env.HOME

beforeAll(() => {
  // Checkpoints go to ~/.vodup/checkpoints: keep them in the test's own directory.
  process.env.HOME = files.dir
})
afterAll(() => {
  process.env.HOME = home
})
beforeEach(() => {
  server = appServer(emulator)
})

/** The documented app on the Node VODUpload, in UploadAuth mode. */
const nodeApp = (options: VODUploadOptions = {}, extra: ExtraCallbacks = {}) =>
  documentedApp(VODUpload as unknown as VODUploadClass, server, 'upload-auth', options, extra)

/** True when the object of `info` on the emulator holds exactly `bytes`. */
const stored = (info: UploadInfo, bytes: Uint8Array) =>
  sameBytes(emulator.getObject(info.bucket as string, info.object as string), bytes)

describe('VODUpload in Node', () => {
  it('uploads { url: path } through the UploadAuth flow', async () => {
    const { uploader, calls } = nodeApp()
    const bytes = patternBytes(420 * KiB, 11)
    const path = await files.write('holiday.mp4', bytes)
    expect(uploader.addFile({ url: path }, null, null, null, '{"Vod":{"Title":"Holiday"}}')).toBe(
      true,
    )
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    const [info] = uploader.listFiles()
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    expect(info).toMatchObject({ file: { url: path }, state: 'Success', fileSize: bytes.length })
    expect(stored(info, bytes)).toBe(true)
  })

  it('retries a 503 on CreateUploadVideo in the STS flow (retryCount), creating one video', async () => {
    emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 503,
      code: 'ServiceUnavailable',
    })
    const { uploader, calls } = documentedApp(
      VODUpload as unknown as VODUploadClass,
      server,
      'sts',
      { retryDuration: 0.001, vodEndpoint: emulator.url },
    )
    const retried: string[] = []
    uploader.uploader.hooks.retry.tap('test', (attempt) => {
      retried.push(`${attempt.operation}:${attempt.error.code}`)
    })
    const bytes = patternBytes(150 * KiB, 12)
    const path = await files.write('busy.mp4', bytes)
    uploader.addFile({ url: path }, null, null, null, '{"Vod":{"Title":"Busy"}}')
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    const [info] = uploader.listFiles()
    expect(info.state).toBe('Success')
    expect(retried).toEqual(['CreateUploadVideo:SERVER_ERROR'])
    const created = emulator.requests().filter((r) => r.operation === 'CreateUploadVideo')
    expect(created.map((r) => r.status)).toEqual([503, 200])
    expect(stored(info, bytes)).toBe(true)
  })

  it('resumes in a new instance from the checkpoint an interrupted one left', async () => {
    const bytes = patternBytes(800 * KiB, 12)
    const path = await files.write('long.mp4', bytes)

    const first = await interruptAfterAQuarter(path, {})
    const videoId = first.listFiles()[0].videoId

    const { info, calls } = await uploadInNewInstance(path)
    const started = calls.find((c) => c.name === 'onUploadstarted')!
    expect((started.args[0] as UploadInfo).videoId).toBe(videoId)
    expect(info.state).toBe('Success')
    expect(stored(info, bytes)).toBe(true)
    const log = emulator.requests()
    expect(log.filter((e) => e.operation === 'InitiateMultipartUpload')).toHaveLength(1)
    expect(log.filter((e) => e.operation === 'RefreshUploadVideo')).toHaveLength(1)
    const acknowledged = log.filter((e) => e.operation === 'UploadPart' && e.status === 200)
    const numbers = acknowledged.map((e) => e.partNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
  })

  it('fails on SignatureDoesNotMatch instead of looping on token expiry', async () => {
    const { uploader, calls } = nodeApp({}, (vod) => ({
      onUploadstarted(uploadInfo) {
        server.createUploadVideo('wrong.mp4', 'Wrong secret').then((data) => {
          const auth = JSON.parse(Buffer.from(data.UploadAuth, 'base64').toString('utf8'))
          auth.AccessKeySecret = 'not-the-secret'
          const wrong = Buffer.from(JSON.stringify(auth)).toString('base64')
          vod.setUploadAuthAndAddress(uploadInfo, wrong, data.UploadAddress, data.VideoId)
        })
      },
    }))
    uploader.addFile({ url: await files.write('wrong.mp4', patternBytes(300 * KiB, 13)) })
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadFailed',
      'onUploadEnd',
    ])
    const failed = calls.find((c) => c.name === 'onUploadFailed')!
    expect(failed.args[1]).toBe('SignatureDoesNotMatch')
    expect(failed.args[2]).toEqual(expect.any(String))
    expect(failed.args[2]).not.toContain('not-the-secret')
  })

  it('starts a new upload when the server forgot the interrupted one (NoSuchUpload)', async () => {
    const bytes = patternBytes(600 * KiB, 14)
    const path = await files.write('forgotten.mp4', bytes)
    await interruptAfterAQuarter(path)
    emulator.clearRequests()
    emulator.faults.failNext({ operation: 'ListParts', status: 404, code: 'NoSuchUpload' })

    const { info } = await uploadInNewInstance(path)
    expect(info.state).toBe('Success')
    expect(stored(info, bytes)).toBe(true)
    expect(
      emulator.requests().filter((e) => e.operation === 'InitiateMultipartUpload'),
    ).toHaveLength(1)
  })

  it('does not resume onto parts of a file that changed since (no EntityTooSmall)', async () => {
    const path = await files.write('edited.mp4', patternBytes(600 * KiB, 15))
    await interruptAfterAQuarter(path)
    const edited = patternBytes(600 * KiB, 16)
    await writeFile(path, edited)

    const { info } = await uploadInNewInstance(path)
    expect(info.state).toBe('Success')
    expect(stored(info, edited)).toBe(true)
  })
})

/** Uploads a quarter of the file, then stops: a checkpoint stays in ~/.vodup. Returns the stopped VODUpload. */
async function interruptAfterAQuarter(path: string, options: VODUploadOptions = { parallel: 1 }) {
  const { uploader, calls } = nodeApp(options, (vod) =>
    onceProgress(
      (loadedPercent) => loadedPercent >= 0.25,
      () => vod.stopUpload(),
    ),
  )
  uploader.addFile({ url: path })
  uploader.startUpload()
  await untilCalled(calls, 'onUploadCanceled')
  return uploader
}

/** Uploads the file with a new VODUpload, as after a restart of the app; returns its uploadInfo and calls. */
async function uploadInNewInstance(path: string) {
  const { uploader, calls } = nodeApp()
  uploader.addFile({ url: path })
  uploader.startUpload()
  await untilCalled(calls, 'onUploadEnd')
  return { info: uploader.listFiles()[0], calls }
}
