import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  acknowledgedParts,
  KiB,
  patternBytes,
  sameBytes,
  useBrowserPage,
  useEmulator,
} from '#test-support'
import { exposeAppServer } from './helpers/app-server-binding'
import type { PageGlobals } from './helpers/page-types'
import type { PageUploadOptions, PageUploadRecord } from './page/uploads'

const emulator = useEmulator()
const browserPage = useBrowserPage(fileURLToPath(new URL('./page/entry.ts', import.meta.url)))

const SIZE = 1_000_000 + 17
const PART = 200 * KiB

/** Uploads a pattern file of `size` bytes from the page, with the page's uploader made by `options`. */
function uploadFromPage(
  options: Omit<PageUploadOptions, 'emulatorUrl'>,
  size = SIZE,
  seed = 1,
): Promise<PageUploadRecord> {
  return browserPage().page.evaluate(
    ({ options, size, seed }) => {
      const { vodup } = globalThis as PageGlobals
      return vodup.pageUpload(vodup.patternFile('movie.mp4', size, seed), options)
    },
    { options: { ...options, emulatorUrl: emulator.url }, size, seed },
  )
}

/** The hosts the page sent requests to, besides its own origin. */
function otherHosts(): string[] {
  const { requests, server } = browserPage()
  return [
    ...new Set(
      requests.map((request) => new URL(request.url()).origin).filter((o) => o !== server.origin),
    ),
  ]
}

function storedObject(record: PageUploadRecord): Buffer | undefined {
  return emulator.getObject(emulator.defaultBucket, record.result?.objectKey ?? '')
}

describe('uploads from a page on another origin, in Chromium', () => {
  it('uploads a File with UploadAuth: the object is the file, progress rises to 100 % at the end, only the emulator is contacted', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const record = await uploadFromPage({ flow: 'uploadauth', partSize: PART, concurrency: 3 })
    expect(record.error).toBeUndefined()
    expect(record.result?.videoId).toMatch(/\w+/)
    expect(sameBytes(storedObject(record)!, patternBytes(SIZE, 1))).toBe(true)
    expect(record.percents).toEqual([...record.percents].sort((a, b) => a - b))
    expect(record.percents.at(-1)).toBe(100)
    expect(record.percents.filter((p) => p === 100)).toHaveLength(1)
    expect(record.partsAcknowledged.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
    expect(otherHosts()).toEqual([emulator.url])
    expect(browserPage().errors).toEqual([])
  })

  it('uploads with a 2.0-style getAuth(ctx): create-video, then upload() resolves with the videoId', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const outcome = await browserPage().page.evaluate(async (size) => {
      const { vodup } = globalThis as PageGlobals
      const call = (
        globalThis as unknown as {
          vodupAppServer: (action: string, argument?: string) => Promise<Record<string, string>>
        }
      ).vodupAppServer
      const kinds: string[] = []
      const uploader = vodup.core.createUploader([
        vodup.browserTransport(),
        vodup.ossTarget(),
        vodup.fromGetAuth(async (ctx) => {
          kinds.push(ctx.kind)
          return ctx.kind === 'refresh-video'
            ? (call('refreshUploadVideo', ctx.videoId) as never)
            : (call('createUploadVideo', ctx.fileName) as never)
        }),
      ])
      const { videoId, objectKey } = await uploader.upload(vodup.patternFile('movie.mp4', size, 6))
      return { kinds, videoId, objectKey }
    }, SIZE)
    expect(outcome.kinds).toEqual(['create-video'])
    expect(outcome.videoId).toMatch(/\w+/)
    expect(
      sameBytes(
        emulator.getObject(emulator.defaultBucket, outcome.objectKey)!,
        patternBytes(SIZE, 6),
      ),
    ).toBe(true)
  })

  it('uploads with an STS token, calling VOD from the page', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const record = await uploadFromPage({ flow: 'sts', partSize: PART })
    expect(record.error).toBeUndefined()
    expect(sameBytes(storedObject(record)!, patternBytes(SIZE, 1))).toBe(true)
    const operations = emulator.requests().map((r) => r.operation)
    expect(operations).toContain('CreateUploadVideo')
    expect(otherHosts()).toEqual([emulator.url])
  })

  it('refreshes credentials that expire mid-upload without sending an acknowledged part again', async () => {
    const server = await exposeAppServer(browserPage().page, emulator)
    const size = 10 * PART + 17
    const record = await uploadFromPage(
      { flow: 'uploadauth', partSize: PART, concurrency: 2, afterPart: { n: 2, act: 'expire' } },
      size,
    )
    expect(record.error).toBeUndefined()
    expect(server.calls).toContain('RefreshUploadVideo')
    expect(sameBytes(storedObject(record)!, patternBytes(size, 1))).toBe(true)
    const log = emulator.requests()
    // The server refused the old credentials (a part, or Complete when every part was already sent)...
    expect(log.some((r) => r.status === 403 && r.code === 'SecurityTokenExpired')).toBe(true)
    // ...and no part it had acknowledged was sent again.
    const counts = acknowledgedParts(log)
    expect(counts.size).toBe(11)
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
  })

  it('cancels a file: the upload fails with ABORTED and the server discards its parts', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const record = await uploadFromPage({
      flow: 'uploadauth',
      partSize: PART,
      concurrency: 1,
      afterPart: { n: 1, act: 'cancel' },
    })
    expect(record.error?.code).toBe('ABORTED')
    expect(emulator.requests().map((r) => r.operation)).toContain('AbortMultipartUpload')
    expect(emulator.listMultipartUploads()).toEqual([])
  })

  it('stops, then resumes after a reload from its IndexedDB checkpoint without re-sending acknowledged parts', async () => {
    const { page } = browserPage()
    await exposeAppServer(page, emulator)
    const stopped = await uploadFromPage({
      flow: 'uploadauth',
      partSize: PART,
      concurrency: 1,
      afterPart: { n: 2, act: 'stop' },
    })
    expect(stopped.stopped?.videoId).toMatch(/\w+/)
    expect(stopped.partsAcknowledged).toContain(2)
    await page.reload()
    await page.waitForFunction(() => (globalThis as { vodupReady?: boolean }).vodupReady === true)
    const resumed = await uploadFromPage({ flow: 'uploadauth', partSize: PART, concurrency: 1 })
    expect(resumed.error).toBeUndefined()
    expect(resumed.result?.videoId).toBe(stopped.stopped?.videoId)
    expect(sameBytes(storedObject(resumed)!, patternBytes(SIZE, 1))).toBe(true)
    expect(resumed.partsAcknowledged).not.toContain(1)
    expect(resumed.partsAcknowledged).not.toContain(2)
    const counts = acknowledgedParts(emulator.requests())
    expect(counts.size).toBe(5)
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
  })
})
