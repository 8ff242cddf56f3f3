import { randomBytes } from 'node:crypto'
import { createWxDouble, type WxDouble } from '@vodup/transport-wx/double'
import { type RunningAppServer, startAppServer } from '@vodup-example/app-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadPage, type PageInstance, tap, until } from './page-host'

const KiB = 1024
let server: RunningAppServer
let double: WxDouble

beforeAll(async () => {
  server = await startAppServer({ PORT: '0' })
})
afterAll(() => server.stop())
beforeEach(() => {
  double = createWxDouble()
  server.emulator!.clearRequests()
  server.emulator!.faults.clear()
})
afterEach(() => double.dispose())

interface Row {
  id: string
  kind: string
  percent: number
  state: string
  mediaId: string
  error: string
}
const rows = (page: PageInstance) => page.data.files as Row[]
const emulator = () => server.emulator!
const operations = () =>
  emulator()
    .requests()
    .map((r) => r.operation)

function pick(bytes: Uint8Array, name: string) {
  double.queuePick([double.files.create(bytes, { name })])
}

function storedObjects() {
  return emulator()
    .requests()
    .filter((r) => r.operation === 'CompleteMultipartUpload' || r.operation === 'PutObject')
    .map((r) => emulator().getObject(r.bucket as string, r.key as string))
}

describe('the VODUpload page', () => {
  it('uploads a picked video through the legacy callbacks and shows its video id', async () => {
    const video = randomBytes(1500 * KiB)
    pick(video, 'holiday.mp4')
    const { page, setDataLog } = await loadPage('vodupload', double.wx, server.url)

    await tap(page, 'choose')
    await until(
      () => page.data.running === false && rows(page)[0]?.state === 'Success',
      () => page.data,
    )

    expect(rows(page)[0]).toMatchObject({
      kind: 'video',
      percent: 100,
      mediaId: expect.any(String),
    })
    expect(page.data.message).toBe('1 uploaded, 0 failed, 0 canceled.')
    const percents = setDataLog
      .flatMap((p) => (p.files as Row[] | undefined) ?? [])
      .map((r) => r.percent)
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true)
    expect(storedObjects().some((b) => b?.equals(video))).toBe(true)
    expect(operations()).toContain('CreateUploadVideo')
  })

  it('answers onUploadTokenExpired through the app server and finishes the same video', async () => {
    const video = randomBytes(2500 * KiB)
    pick(video, 'expiry.mp4')
    const { page } = await loadPage('vodupload', double.wx, server.url)
    emulator().faults.setLatency(20)

    await tap(page, 'choose')
    await until(
      () => rows(page)[0]?.percent > 0,
      () => page.data,
    )
    emulator().faults.expireAllTokens()
    emulator().faults.setLatency(0)
    await until(
      () => rows(page)[0]?.state === 'Success',
      () => page.data,
    )

    expect(operations().filter((o) => o === 'RefreshUploadVideo')).toHaveLength(1)
    expect(operations().filter((o) => o === 'CreateUploadVideo')).toHaveLength(1)
    expect(storedObjects().some((b) => b?.equals(video))).toBe(true)
  })

  it('pauses with stopUpload and resumes with startUpload', async () => {
    const video = randomBytes(6 * 1024 * KiB)
    pick(video, 'pause.mp4')
    const { page } = await loadPage('vodupload', double.wx, server.url)
    emulator().faults.setLatency(30)

    await tap(page, 'choose')
    await until(
      () => rows(page)[0]?.percent > 0,
      () => page.data,
    )
    tap(page, 'pause')
    await until(
      () => rows(page)[0]?.state === 'Stoped',
      () => page.data,
    )
    expect(page.data).toMatchObject({ running: false, message: 'Paused.' })
    emulator().faults.setLatency(0)

    tap(page, 'resume')
    await until(
      () => rows(page)[0]?.state === 'Success',
      () => page.data,
    )
    expect(storedObjects().some((b) => b?.equals(video))).toBe(true)
  })

  it('cancels a file and can upload it again', async () => {
    const image = randomBytes(300 * KiB)
    pick(image, 'poster.png')
    const { page } = await loadPage('vodupload', double.wx, server.url)
    emulator().faults.setLatency(200)

    await tap(page, 'choose')
    await until(
      () => rows(page)[0]?.state === 'Uploading',
      () => page.data,
    )
    tap(page, 'cancel', { id: '0' })
    await until(
      () => rows(page)[0]?.state === 'Canceled',
      () => page.data,
    )
    expect(rows(page)[0]).toMatchObject({ kind: 'image', state: 'Canceled' })
    emulator().faults.setLatency(0)

    tap(page, 'resumeFile', { id: '0' })
    await until(
      () => rows(page)[0]?.state === 'Success',
      () => page.data,
    )
    expect(storedObjects().some((b) => b?.equals(image))).toBe(true)
    expect(operations()).toContain('CreateUploadImage')
  })
})
