// The peer test: Alibaba Cloud's web upload SDK 1.5.2 and vodup's drop-in, driven by the same page code in the same
// headless Chromium against the emulator. It documents what the original does (parts acknowledged twice, telemetry,
// a replaced onbeforeunload) next to the drop-in doing none of it. Run it with `npm run test:peer`; it is kept out of
// `npm test` because it tests someone else's code.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
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
import { exposeAppServer } from '../../../transport-browser/test/helpers/app-server-binding'
import type { Call, WebRunOptions, WebVodPage } from '../web-page/entry'

const require = createRequire(import.meta.url)
const packageFile = (name: string, file: string) =>
  join(dirname(require.resolve(`${name}/package.json`)), file)
const text = (path: string) => () => readFileSync(path, 'utf8')

/** The host the web SDK 1.5.2 sends its telemetry beacons to (`new Image().src`). */
const TELEMETRY_HOST = 'videocloud.cn-hangzhou.log.aliyuncs.com'

/**
 * The two implementations of `AliyunUpload.Vod` the page can load. Alibaba's: ali-oss's browser build (the page's
 * `window.OSS`), then the SDK as npm publishes it (aliyun-upload-vod 1.0.6 carries the web SDK 1.5.2). That build
 * names its dependency `ali-oss` (`window['ali-oss']` on a page without a bundler), so the page aliases `OSS` to it,
 * as a page using the npm file must.
 */
const IMPLEMENTATIONS = [
  {
    name: "Alibaba's web SDK 1.5.2 (aliyun-upload-vod 1.0.6 with ali-oss's window.OSS)",
    original: true,
    scripts: {
      '/aliyun-oss-sdk.js': text(packageFile('ali-oss', 'dist/aliyun-oss-sdk.min.js')),
      '/ali-oss-global.js': () => "window['ali-oss'] = window.OSS",
      '/aliyun-upload-vod.js': text(
        packageFile('aliyun-upload-vod', 'dist/aliyun-upload-vod.min.js'),
      ),
    },
  },
  {
    name: "vodup's drop-in (dist/vodupload.web.js)",
    original: false,
    scripts: {
      '/vodupload.web.js': text(join(import.meta.dirname, '..', '..', 'dist', 'vodupload.web.js')),
    },
  },
] as const

const SIZE = 2 * 1024 * KiB + 5
const PART = 128 * KiB

const emulator = useEmulator()

for (const implementation of IMPLEMENTATIONS) {
  describe(implementation.name, () => {
    const browserPage = useBrowserPage(
      fileURLToPath(new URL('../web-page/entry.ts', import.meta.url)),
      {
        title: 'AliyunUpload.Vod peer test',
        scripts: implementation.scripts,
        hosts: { localhost: '127.0.0.1', '*.localhost': '127.0.0.1' },
      },
    )

    async function run(options: Omit<WebRunOptions, 'emulatorUrl' | 'flow'>) {
      await exposeAppServer(browserPage().page, emulator, {
        ossEndpoint: `http://localhost:${emulator.port}`,
      })
      return browserPage().page.evaluate(
        ({ options, size }) => {
          const { webVod } = globalThis as unknown as WebVodPage
          return webVod.run(webVod.patternFile('movie.mp4', size, 5), options)
        },
        {
          options: { ...options, flow: 'uploadauth' as const, emulatorUrl: emulator.url },
          size: SIZE,
        },
      )
    }

    /** What the test reports of an upload: parts acknowledged more than once, beacons, where bytes ended up. */
    function outcome(calls: Call[]) {
      const log = emulator.requests()
      const complete = log.find(
        (r) => r.operation === 'CompleteMultipartUpload' && r.status === 200,
      )
      const stored = complete?.key ? emulator.getObject(complete.bucket!, complete.key) : undefined
      const twice = [...acknowledgedParts(log).entries()]
        .filter(([, count]) => count > 1)
        .map(([part]) => Number(part.split('#')[1]))
        .sort((a, b) => a - b)
      const beacons = browserPage().requests.filter((r) => new URL(r.url()).host === TELEMETRY_HOST)
      return {
        names: calls.map((c) => c.name).filter((n) => n !== 'onUploadProgress'),
        stored: stored !== undefined && sameBytes(stored, patternBytes(SIZE, 5)),
        twice,
        beacons: beacons.length,
      }
    }

    it(
      implementation.original
        ? 'replaces window.onbeforeunload as soon as an uploader is made'
        : 'leaves window.onbeforeunload alone',
      async () => {
        const handler = await browserPage().page.evaluate(() => {
          const Vod = (
            globalThis as unknown as { AliyunUpload: { Vod: new (o: object) => unknown } }
          ).AliyunUpload.Vod
          new Vod({ partSize: 1048576 })
          return typeof window.onbeforeunload
        })
        expect(handler).toBe(implementation.original ? 'function' : 'object') // null is an 'object'
      },
    )

    it(
      implementation.original
        ? 'stopUpload() with parts in flight, then startUpload(): the parts in flight are acknowledged twice, and beacons go to a log host'
        : 'stopUpload() with parts in flight, then startUpload(): no part acknowledged twice, no beacon',
      async () => {
        const calls = await run({ partSize: PART, parallel: 5, stopAfterProgress: 4 })
        const seen = outcome(calls)
        console.info(`${implementation.name}, stop and start:`, JSON.stringify(seen))
        expect(seen.names).toContain('onUploadSucceed')
        expect(seen.stored).toBe(true)
        if (implementation.original) {
          // The parts in flight at the stop (parallel - 1 of them) were stored; ali-oss dropped their answers and
          // the next start sent them again.
          expect(seen.twice).toHaveLength(4)
          expect(seen.beacons).toBeGreaterThan(0)
        } else {
          expect(seen.twice).toEqual([])
          expect(seen.beacons).toBe(0)
        }
      },
    )

    it(
      implementation.original
        ? 'credentials expiring with parts in flight: onUploadTokenExpired, resumeUploadWithAuth, the upload completes'
        : 'credentials expiring with parts in flight: onUploadTokenExpired, resumeUploadWithAuth, no part acknowledged twice',
      async () => {
        const calls = await run({ partSize: PART, parallel: 5, expireAfterProgress: 3 })
        const seen = outcome(calls)
        console.info(`${implementation.name}, token expiry:`, JSON.stringify(seen))
        expect(seen.names).toContain('onUploadTokenExpired')
        expect(seen.names).toContain('onUploadSucceed')
        expect(seen.stored).toBe(true)
        expect(emulator.requests().some((r) => r.code === 'SecurityTokenExpired')).toBe(true)
        if (implementation.original) expect(seen.beacons).toBeGreaterThan(0)
        else expect([seen.twice, seen.beacons]).toEqual([[], 0])
      },
    )
  })
}
