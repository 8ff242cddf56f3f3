import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { UploadInfo } from '@vodup/callback-compat'
import { type Emulator, startEmulator } from '@vodup/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VODUpload } from '../src/node'
import { type AppServer, appServer } from './helpers/app-server'
import { bytesOf, KiB, sameBytes } from './helpers/bytes'
import { documentedApp } from './helpers/miniprogram-app'
import { sequence, until } from './helpers/recorder'
import type { VODUploadClass } from './helpers/wx-bundle'

let emulator: Emulator
let server: AppServer
let dir: string
const home = process.env.HOME

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
  server = appServer(emulator)
  dir = mkdtempSync(join(tmpdir(), 'vodup-node-flow-'))
  // Checkpoints go to ~/.vodup/checkpoints: keep them in the test's own directory.
  process.env.HOME = dir
})

afterAll(async () => {
  process.env.HOME = home
  await emulator.stop()
  rmSync(dir, { recursive: true, force: true })
})

function writeVideo(name: string, bytes: Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

describe('VODUpload in Node', () => {
  it('uploads { url: path } through the UploadAuth flow', async () => {
    const { uploader, calls } = documentedApp(
      VODUpload as unknown as VODUploadClass,
      server,
      'upload-auth',
    )
    const bytes = bytesOf(420 * KiB, 11)
    const path = writeVideo('holiday.mp4', bytes)
    expect(uploader.addFile({ url: path }, null, null, null, '{"Vod":{"Title":"Holiday"}}')).toBe(
      true,
    )
    uploader.startUpload()
    await until(() => calls.some((c) => c.name === 'onUploadEnd'))
    const [info] = uploader.listFiles()
    expect(sequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    expect(info).toMatchObject({ file: { url: path }, state: 'Success', fileSize: bytes.length })
    expect(
      sameBytes(await emulator.getObject(info.bucket as string, info.object as string), bytes),
    ).toBe(true)
  })

  it('resumes in a new instance from the checkpoint an interrupted one left', async () => {
    const bytes = bytesOf(800 * KiB, 12)
    const path = writeVideo('long.mp4', bytes)
    emulator.clearRequests()

    let stopped = false
    let first: InstanceType<VODUploadClass> | undefined
    const interrupted = documentedApp(
      VODUpload as unknown as VODUploadClass,
      server,
      'upload-auth',
      {},
      {
        onUploadProgress(_info, _total, loadedPercent) {
          if (loadedPercent >= 0.25 && !stopped) {
            stopped = true
            first?.stopUpload()
          }
        },
      },
    )
    first = interrupted.uploader
    first.addFile({ url: path })
    first.startUpload()
    await until(() => interrupted.calls.some((c) => c.name === 'onUploadCanceled'))
    const videoId = first.listFiles()[0].videoId

    const resumed = documentedApp(VODUpload as unknown as VODUploadClass, server, 'upload-auth')
    resumed.uploader.addFile({ url: path })
    resumed.uploader.startUpload()
    await until(() => resumed.calls.some((c) => c.name === 'onUploadEnd'))
    const started = resumed.calls.find((c) => c.name === 'onUploadstarted')!
    expect((started.args[0] as UploadInfo).videoId).toBe(videoId)
    const [info] = resumed.uploader.listFiles()
    expect(info.state).toBe('Success')
    expect(
      sameBytes(await emulator.getObject(info.bucket as string, info.object as string), bytes),
    ).toBe(true)
    const log = emulator.requests()
    expect(log.filter((e) => e.operation === 'InitiateMultipartUpload')).toHaveLength(1)
    expect(log.filter((e) => e.operation === 'RefreshUploadVideo')).toHaveLength(1)
    const acknowledged = log.filter((e) => e.operation === 'UploadPart' && e.status === 200)
    const numbers = acknowledged.map((e) => e.partNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
  })

  it('fails on SignatureDoesNotMatch instead of looping on token expiry', async () => {
    const { uploader, calls } = documentedApp(
      VODUpload as unknown as VODUploadClass,
      server,
      'upload-auth',
      {},
      {
        onUploadstarted(uploadInfo) {
          server.createUploadVideo('Wrong secret', 'wrong.mp4').then((data) => {
            const auth = JSON.parse(Buffer.from(data.UploadAuth, 'base64').toString('utf8'))
            auth.AccessKeySecret = 'not-the-secret'
            const wrong = Buffer.from(JSON.stringify(auth)).toString('base64')
            uploader.setUploadAuthAndAddress(uploadInfo, wrong, data.UploadAddress, data.VideoId)
          })
        },
      },
    )
    uploader.addFile({ url: writeVideo('wrong.mp4', bytesOf(300 * KiB, 13)) })
    uploader.startUpload()
    await until(() => calls.some((c) => c.name === 'onUploadEnd'))
    expect(sequence(calls)).toEqual([
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
    const bytes = bytesOf(600 * KiB, 14)
    const path = writeVideo('forgotten.mp4', bytes)
    await interruptAfterAQuarter(path)
    emulator.clearRequests()
    emulator.faults.failNext({ operation: 'ListParts', status: 404, code: 'NoSuchUpload' })

    const resumed = documentedApp(VODUpload as unknown as VODUploadClass, server, 'upload-auth')
    resumed.uploader.addFile({ url: path })
    resumed.uploader.startUpload()
    await until(() => resumed.calls.some((c) => c.name === 'onUploadEnd'))
    const [info] = resumed.uploader.listFiles()
    expect(info.state).toBe('Success')
    expect(
      sameBytes(await emulator.getObject(info.bucket as string, info.object as string), bytes),
    ).toBe(true)
    expect(
      emulator.requests().filter((e) => e.operation === 'InitiateMultipartUpload'),
    ).toHaveLength(1)
  })

  it('does not resume onto parts of a file that changed since (no EntityTooSmall)', async () => {
    const path = writeVideo('edited.mp4', bytesOf(600 * KiB, 15))
    await interruptAfterAQuarter(path)
    const edited = bytesOf(600 * KiB, 16)
    writeFileSync(path, edited)
    emulator.clearRequests()

    const resumed = documentedApp(VODUpload as unknown as VODUploadClass, server, 'upload-auth')
    resumed.uploader.addFile({ url: path })
    resumed.uploader.startUpload()
    await until(() => resumed.calls.some((c) => c.name === 'onUploadEnd'))
    const [info] = resumed.uploader.listFiles()
    expect(info.state).toBe('Success')
    expect(
      sameBytes(await emulator.getObject(info.bucket as string, info.object as string), edited),
    ).toBe(true)
  })
})

/** Uploads a quarter of the file, then stops: a checkpoint stays in ~/.vodup. */
async function interruptAfterAQuarter(path: string): Promise<void> {
  let stopped = false
  let vod: InstanceType<VODUploadClass> | undefined
  const { uploader, calls } = documentedApp(
    VODUpload as unknown as VODUploadClass,
    server,
    'upload-auth',
    { parallel: 1 },
    {
      onUploadProgress(_info, _total, loadedPercent) {
        if (loadedPercent >= 0.25 && !stopped) {
          stopped = true
          vod?.stopUpload()
        }
      },
    },
  )
  vod = uploader
  uploader.addFile({ url: path })
  uploader.startUpload()
  await until(() => calls.some((c) => c.name === 'onUploadCanceled'))
}
