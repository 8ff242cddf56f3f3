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
  name: string
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

/** Part numbers in the checkpoint the page's uploader saved in wx storage. */
function checkpointedParts(): number[] {
  const { keys } = double.wx.getStorageInfoSync()
  for (const key of keys) {
    const value = double.wx.getStorageSync(key) as { doneParts?: Array<{ n: number }> } | string
    const record = typeof value === 'string' ? JSON.parse(value) : value
    if (record?.doneParts) return record.doneParts.map((p: { n: number }) => p.n)
  }
  return []
}

function pick(...files: Array<{ bytes: Uint8Array; name: string }>) {
  double.queuePick(files.map((f) => double.files.create(f.bytes, { name: f.name })))
}

describe('the createUploader page', () => {
  it('uploads a picked video and an image, showing progress up to 100 % and the media ids', async () => {
    const video = randomBytes(2300 * KiB)
    const image = randomBytes(150 * KiB)
    pick({ bytes: video, name: 'clip.mp4' }, { bytes: image, name: 'cover.jpg' })
    const { page, setDataLog } = await loadPage('uploader', double.wx, server.url)

    await tap(page, 'choose')
    await until(
      () => page.data.running === false && rows(page).length === 2,
      () => page.data,
    )

    expect(rows(page).map((r) => [r.kind, r.state, r.percent])).toEqual([
      ['video', 'success', 100],
      ['image', 'success', 100],
    ])
    expect(rows(page).every((r) => r.mediaId !== '')).toBe(true)
    expect(page.data.message).toBe('2 uploaded, 0 failed, 0 canceled.')
    const videoPercents = setDataLog
      .flatMap((patch) => (patch.files as Row[] | undefined) ?? [])
      .filter((r) => r.kind === 'video')
      .map((r) => r.percent)
    expect(videoPercents.some((p) => p > 0 && p < 100)).toBe(true)
    expect(videoPercents).toEqual([...videoPercents].sort((a, b) => a - b))
    expect(operations()).toEqual(expect.arrayContaining(['CreateUploadVideo', 'CreateUploadImage']))
    const stored = emulator()
      .requests()
      .filter((r) => r.operation === 'CompleteMultipartUpload' || r.operation === 'PutObject')
      .map((r) => emulator().getObject(r.bucket as string, r.key as string))
    expect(stored.some((b) => b?.equals(video))).toBe(true)
    expect(stored.some((b) => b?.equals(image))).toBe(true)
  })

  it('pauses, and resumes without sending an acknowledged part again', async () => {
    const video = randomBytes(8 * 1024 * KiB)
    pick({ bytes: video, name: 'long.mp4' })
    const { page } = await loadPage('uploader', double.wx, server.url)
    let paused = false
    emulator().faults.setLatency(30)

    await tap(page, 'choose')
    await until(
      () => rows(page)[0]?.percent > 0,
      () => page.data,
    )
    tap(page, 'pause')
    paused = true
    await until(
      () => rows(page)[0]?.state === 'stopped' && page.data.running === false,
      () => page.data,
    )
    expect(page.data.message).toBe('Paused.')
    const saved = checkpointedParts()
    expect(saved.length).toBeGreaterThan(0)
    const logged = emulator().requests().length
    emulator().faults.setLatency(0)

    tap(page, 'resume')
    await until(
      () => rows(page)[0]?.state === 'success',
      () => page.data,
    )

    expect(paused).toBe(true)
    const resent = emulator()
      .requests()
      .slice(logged)
      .filter((r) => r.operation === 'UploadPart')
      .map((r) => r.partNumber)
    expect(resent.length).toBeGreaterThan(0)
    expect(resent.filter((n) => saved.includes(n as number))).toEqual([])
    expect(operations().filter((o) => o === 'ListParts')).toHaveLength(1)
  })

  it('cancels a file: its multipart upload is aborted on the server', async () => {
    pick({ bytes: randomBytes(3 * 1024 * KiB), name: 'cancel.mp4' })
    const { page } = await loadPage('uploader', double.wx, server.url)
    emulator().faults.setLatency(30)

    await tap(page, 'choose')
    await until(
      () => rows(page)[0]?.percent > 0,
      () => page.data,
    )
    tap(page, 'cancel', { id: rows(page)[0].id })
    await until(
      () => rows(page)[0]?.state === 'canceled',
      () => page.data,
    )

    expect(operations()).toContain('AbortMultipartUpload')
    await until(
      () => emulator().listMultipartUploads().length === 0,
      () => emulator().listMultipartUploads(),
    )
  })

  it('shows DOMAIN_NOT_ALLOWED when the OSS endpoint is not in the request domain list', async () => {
    double.dispose()
    double = createWxDouble({ domains: [server.url] }) // the app server is allowed, the emulator's OSS is not
    pick({ bytes: randomBytes(200 * KiB), name: 'blocked.mp4' })
    const { page } = await loadPage('uploader', double.wx, server.url)

    await tap(page, 'choose')
    await until(
      () => rows(page)[0]?.state === 'failure',
      () => page.data,
    )

    expect(rows(page)[0].error).toMatch(/^DOMAIN_NOT_ALLOWED: /)
    expect(page.data.message).toBe('0 uploaded, 1 failed, 0 canceled.')
  })
})
