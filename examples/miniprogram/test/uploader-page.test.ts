import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { until } from '#test-support'
import { tap } from './page-host'
import { pageSuite, type Row, rows, untilPage } from './page-suite'

const KiB = 1024
const suite = pageSuite()
const emulator = () => suite.server.emulator!

/** Part numbers in the checkpoint the page's uploader saved in wx storage. */
function checkpointedParts(): number[] {
  const { keys } = suite.double.wx.getStorageInfoSync()
  for (const key of keys) {
    const value = suite.double.wx.getStorageSync(key) as
      | { doneParts?: Array<{ n: number }> }
      | string
    const record = typeof value === 'string' ? JSON.parse(value) : value
    if (record?.doneParts) return record.doneParts.map((p: { n: number }) => p.n)
  }
  return []
}

describe('the createUploader page', () => {
  it('uploads a picked video and an image, showing progress up to 100 % and the media ids', async () => {
    const video = randomBytes(2300 * KiB)
    const image = randomBytes(150 * KiB)
    suite.pick({ bytes: video, name: 'clip.mp4' }, { bytes: image, name: 'cover.jpg' })
    const { page, setDataLog } = await suite.load('uploader')

    await tap(page, 'choose')
    await untilPage(page, () => page.data.running === false && rows(page).length === 2)

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
    expect(suite.operations()).toEqual(
      expect.arrayContaining(['CreateUploadVideo', 'CreateUploadImage']),
    )
    const stored = suite.storedObjects()
    expect(stored.some((b) => b?.equals(video))).toBe(true)
    expect(stored.some((b) => b?.equals(image))).toBe(true)
  })

  it('pauses, and resumes without sending an acknowledged part again', async () => {
    const video = randomBytes(8 * 1024 * KiB)
    suite.pick({ bytes: video, name: 'long.mp4' })
    const { page } = await suite.load('uploader')
    let paused = false
    emulator().faults.setLatency(30)

    await tap(page, 'choose')
    await untilPage(page, () => rows(page)[0]?.percent > 0)
    tap(page, 'pause')
    paused = true
    await untilPage(page, () => rows(page)[0]?.state === 'stopped' && page.data.running === false)
    expect(page.data.message).toBe('Paused.')
    const saved = checkpointedParts()
    expect(saved.length).toBeGreaterThan(0)
    const logged = emulator().requests().length
    emulator().faults.setLatency(0)

    tap(page, 'resume')
    await untilPage(page, () => rows(page)[0]?.state === 'success')

    expect(paused).toBe(true)
    const resent = emulator()
      .requests()
      .slice(logged)
      .filter((r) => r.operation === 'UploadPart')
      .map((r) => r.partNumber)
    expect(resent.length).toBeGreaterThan(0)
    expect(resent.filter((n) => saved.includes(n as number))).toEqual([])
    expect(suite.operations().filter((o) => o === 'ListParts')).toHaveLength(1)
  })

  it('cancels a file: its multipart upload is aborted on the server', async () => {
    suite.pick({ bytes: randomBytes(3 * 1024 * KiB), name: 'cancel.mp4' })
    const { page } = await suite.load('uploader')
    emulator().faults.setLatency(30)

    await tap(page, 'choose')
    await untilPage(page, () => rows(page)[0]?.percent > 0)
    tap(page, 'cancel', { id: rows(page)[0].id })
    await untilPage(page, () => rows(page)[0]?.state === 'canceled')

    expect(suite.operations()).toContain('AbortMultipartUpload')
    await until(
      () => emulator().listMultipartUploads().length === 0,
      () => emulator().listMultipartUploads(),
      20_000,
    )
  })

  it('shows DOMAIN_NOT_ALLOWED when the OSS endpoint is not in the request domain list', async () => {
    suite.useDouble({ domains: [suite.server.url] }) // the app server is allowed, the emulator's OSS is not
    suite.pick({ bytes: randomBytes(200 * KiB), name: 'blocked.mp4' })
    const { page } = await suite.load('uploader')

    await tap(page, 'choose')
    await untilPage(page, () => rows(page)[0]?.state === 'failure')

    expect(rows(page)[0].error).toMatch(/^DOMAIN_NOT_ALLOWED: /)
    expect(page.data.message).toBe('0 uploaded, 1 failed, 0 canceled.')
  })
})
