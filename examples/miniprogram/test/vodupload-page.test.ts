import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { tap } from './page-host'
import { pageSuite, type Row, rows, untilPage } from './page-suite'

const KiB = 1024
const suite = pageSuite()
const emulator = () => suite.server.emulator!

describe('the VODUpload page', () => {
  it('uploads a picked video through the legacy callbacks and shows its video id', async () => {
    const video = randomBytes(1500 * KiB)
    suite.pick({ bytes: video, name: 'holiday.mp4' })
    const { page, setDataLog } = await suite.load('vodupload')

    await tap(page, 'choose')
    await untilPage(page, () => page.data.running === false && rows(page)[0]?.state === 'Success')

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
    expect(suite.storedObjects().some((b) => b?.equals(video))).toBe(true)
    expect(suite.operations()).toContain('CreateUploadVideo')
  })

  it('answers onUploadTokenExpired through the app server and finishes the same video', async () => {
    const video = randomBytes(2500 * KiB)
    suite.pick({ bytes: video, name: 'expiry.mp4' })
    const { page } = await suite.load('vodupload')
    emulator().faults.setLatency(20)

    await tap(page, 'choose')
    await untilPage(page, () => rows(page)[0]?.percent > 0)
    emulator().faults.expireAllTokens()
    emulator().faults.setLatency(0)
    await untilPage(page, () => rows(page)[0]?.state === 'Success')

    expect(suite.operations().filter((o) => o === 'RefreshUploadVideo')).toHaveLength(1)
    expect(suite.operations().filter((o) => o === 'CreateUploadVideo')).toHaveLength(1)
    expect(suite.storedObjects().some((b) => b?.equals(video))).toBe(true)
  })

  it('pauses with stopUpload and resumes with startUpload', async () => {
    const video = randomBytes(6 * 1024 * KiB)
    suite.pick({ bytes: video, name: 'pause.mp4' })
    const { page } = await suite.load('vodupload')
    emulator().faults.setLatency(30)

    await tap(page, 'choose')
    await untilPage(page, () => rows(page)[0]?.percent > 0)
    tap(page, 'pause')
    await untilPage(page, () => rows(page)[0]?.state === 'Stoped')
    expect(page.data).toMatchObject({ running: false, message: 'Paused.' })
    emulator().faults.setLatency(0)

    tap(page, 'resume')
    await untilPage(page, () => rows(page)[0]?.state === 'Success')
    expect(suite.storedObjects().some((b) => b?.equals(video))).toBe(true)
  })

  it('cancels a file and can upload it again', async () => {
    const image = randomBytes(300 * KiB)
    suite.pick({ bytes: image, name: 'poster.png' })
    const { page } = await suite.load('vodupload')
    emulator().faults.setLatency(200)

    await tap(page, 'choose')
    await untilPage(page, () => rows(page)[0]?.state === 'Uploading')
    tap(page, 'cancel', { id: '0' })
    await untilPage(page, () => rows(page)[0]?.state === 'Canceled')
    expect(rows(page)[0]).toMatchObject({ kind: 'image', state: 'Canceled' })
    emulator().faults.setLatency(0)

    tap(page, 'resumeFile', { id: '0' })
    await untilPage(page, () => rows(page)[0]?.state === 'Success')
    expect(suite.storedObjects().some((b) => b?.equals(image))).toBe(true)
    expect(suite.operations()).toContain('CreateUploadImage')
  })
})
