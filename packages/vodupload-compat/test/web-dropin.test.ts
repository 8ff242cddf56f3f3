import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'acorn'
import { describe, expect, it } from 'vitest'
import {
  acknowledgedParts,
  KiB,
  patternBytes,
  sameBytes,
  useBrowserPage,
  useEmulator,
} from '#test-support'
import { exposeAppServer } from '../../transport-browser/test/helpers/app-server-binding'
import type { Call, WebRunOptions, WebVodPage } from './web-page/entry'

const BUNDLE = join(import.meta.dirname, '..', 'dist', 'vodupload.web.js')

/** The built web file; fails with a hint when the package was not built. */
function webBundleText(): string {
  try {
    return readFileSync(BUNDLE, 'utf8')
  } catch {
    throw new Error(`${BUNDLE} is missing: run npm run build -w packages/vodupload-compat`)
  }
}

const emulator = useEmulator()
const browserPage = useBrowserPage(fileURLToPath(new URL('./web-page/entry.ts', import.meta.url)), {
  title: 'vodupload.web.js',
  scripts: { '/vodupload.web.js': webBundleText },
})

const SIZE = 2 * 1024 * KiB + 5
const PART = 128 * KiB

function runInPage(options: Omit<WebRunOptions, 'emulatorUrl'>): Promise<Call[]> {
  return browserPage().page.evaluate(
    ({ options, size }) => {
      const { webVod } = globalThis as unknown as WebVodPage
      return webVod.run(webVod.patternFile('movie.mp4', size, 5), options)
    },
    { options: { ...options, emulatorUrl: emulator.url }, size: SIZE },
  )
}

function storedVideo(): Buffer | undefined {
  const complete = emulator.requests().find((r) => r.operation === 'CompleteMultipartUpload')
  return complete?.key ? emulator.getObject(emulator.defaultBucket, complete.key) : undefined
}

/** The page's requests that went anywhere but the page's own origin and the emulator. */
function strayRequests(): string[] {
  const { requests, server } = browserPage()
  const allowed = new Set([server.origin, emulator.url])
  return requests.map((r) => r.url()).filter((url) => !allowed.has(new URL(url).origin))
}

describe('dist/vodupload.web.js', () => {
  it('is one ES2020 script with nothing to require and no code generation', () => {
    const code = webBundleText()
    expect(() => parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow()
    expect(code).not.toMatch(/\brequire\(|\bnew Function\b|\beval\(/)
  })

  it('defines AliyunUpload.Vod and no other global, without window.OSS and leaving onbeforeunload alone', async () => {
    const { page } = browserPage()
    const seen = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown> & {
        AliyunUpload: { Vod: unknown }
      }
      return {
        vod: typeof w.AliyunUpload?.Vod,
        oss: typeof w.OSS,
        onbeforeunload: window.onbeforeunload,
        globals: Object.keys(w),
      }
    })
    expect(seen.vod).toBe('function')
    expect(seen.oss).toBe('undefined')
    expect(seen.onbeforeunload).toBeNull()
    // A page with only the test script and no drop-in has the same globals but AliyunUpload.
    const blank = await page.context().newPage()
    await blank.goto(`${browserPage().server.origin}/blank.html`)
    const base = await blank.evaluate(() => Object.keys(globalThis))
    expect(seen.globals.filter((name) => !base.includes(name)).sort()).toEqual(
      ['AliyunUpload', 'vodupReady', 'webVod'].sort(),
    )
  })
})

describe('AliyunUpload.Vod in Chromium, from another origin than the emulator', () => {
  it('uploads a File with UploadAuth: callbacks in order, the object is the file, only the emulator contacted, no onbeforeunload', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const calls = await runInPage({ flow: 'uploadauth', partSize: PART, parallel: 5 })
    const names = calls.map((c) => c.name).filter((n) => n !== 'onUploadProgress')
    expect(names).toEqual(['addFileSuccess', 'onUploadstarted', 'onUploadSucceed', 'onUploadEnd'])
    const percents = calls.filter((c) => c.name === 'onUploadProgress').map((c) => c.percent!)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(percents.at(-1)).toBe(1)
    expect(sameBytes(storedVideo()!, patternBytes(SIZE, 5))).toBe(true)
    expect(strayRequests()).toEqual([])
    expect(await browserPage().page.evaluate(() => window.onbeforeunload)).toBeNull()
  })

  it('uploads with setSTSToken, calling VOD from the page at vodEndpoint', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const calls = await runInPage({ flow: 'sts', partSize: PART, parallel: 5 })
    expect(calls.map((c) => c.name)).toContain('onUploadSucceed')
    expect(emulator.requests().map((r) => r.operation)).toContain('CreateUploadVideo')
    expect(sameBytes(storedVideo()!, patternBytes(SIZE, 5))).toBe(true)
    expect(strayRequests()).toEqual([])
  })

  it('stopUpload() with parts in flight, then startUpload(): no part acknowledged twice (the SDK re-sent parts 4-8)', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const calls = await runInPage({
      flow: 'uploadauth',
      partSize: PART,
      parallel: 5,
      stopAfterProgress: 4,
    })
    const started = calls.filter((c) => c.name === 'onUploadstarted')
    expect(started).toHaveLength(2) // the start after the stop asks for credentials for the same video
    // Stoped as soon as stopUpload returned, and in every callback up to the next start.
    const names = calls.map((c) => c.name)
    const stopped = calls.slice(names.indexOf('stopUpload'), names.indexOf('startUpload') + 1)
    expect(stopped.map((c) => c.state)).toEqual(stopped.map(() => 'Stoped'))
    expect(names.indexOf('onUploadCanceled')).toBeGreaterThan(names.indexOf('stopUpload'))
    expect(started[1].videoId).toBe(started[0].videoId ?? started[1].videoId)
    expect(calls.map((c) => c.name)).toContain('onUploadSucceed')
    expect(sameBytes(storedVideo()!, patternBytes(SIZE, 5))).toBe(true)
    const counts = acknowledgedParts(emulator.requests())
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([])
  })

  it('cancelFile() with parts in flight: Canceled when it returns and in the callbacks after, the upload discarded', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const calls = await runInPage({
      flow: 'uploadauth',
      partSize: PART,
      parallel: 5,
      cancelAfterProgress: 3,
    })
    const names = calls.map((c) => c.name)
    const canceled = calls.slice(names.indexOf('cancelFile:true'))
    expect(canceled.map((c) => c.name).filter((n) => n !== 'onUploadProgress')).toEqual([
      'cancelFile:true',
      'onUploadCanceled',
      'onUploadEnd',
    ])
    expect(canceled.map((c) => c.state)).toEqual(canceled.map(() => 'Canceled'))
    expect(emulator.requests().some((r) => r.operation === 'AbortMultipartUpload')).toBe(true)
    expect(emulator.listMultipartUploads()).toEqual([])
    expect(names).not.toContain('onUploadSucceed')
  })

  it('credentials expiring with parts in flight: onUploadTokenExpired, resumeUploadWithAuth, no part acknowledged twice', async () => {
    await exposeAppServer(browserPage().page, emulator)
    const calls = await runInPage({
      flow: 'uploadauth',
      partSize: PART,
      parallel: 5,
      expireAfterProgress: 3,
    })
    const names = calls.map((c) => c.name)
    expect(names).toContain('onUploadTokenExpired')
    expect(names).toContain('onUploadSucceed')
    expect(emulator.requests().some((r) => r.code === 'SecurityTokenExpired')).toBe(true)
    expect(sameBytes(storedVideo()!, patternBytes(SIZE, 5))).toBe(true)
    const counts = acknowledgedParts(emulator.requests())
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([])
  })
})
