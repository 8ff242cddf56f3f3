import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { KiB, useBrowserPage, useEmulator } from '#test-support'
import { exposeAppServer } from './helpers/app-server-binding'
import type { PageGlobals } from './helpers/page-types'

const emulator = useEmulator()
const browserPage = useBrowserPage(fileURLToPath(new URL('./page/entry.ts', import.meta.url)))

afterEach(() => emulator.cors.reset())

describe('a bucket CORS rule that hides ETag', () => {
  it('fails the upload with BAD_RESPONSE naming the headers to expose, after one attempt per part', async () => {
    emulator.cors.set([
      {
        allowedOrigins: ['*'],
        allowedMethods: ['PUT', 'POST', 'GET', 'HEAD', 'DELETE'],
        allowedHeaders: ['*'],
        exposeHeaders: ['x-oss-request-id'], // a rule copied from a guide that forgot ETag
      },
    ])
    const { page } = browserPage()
    await exposeAppServer(page, emulator)
    const record = await page.evaluate(
      ({ emulatorUrl, partSize }) => {
        const { vodup } = globalThis as PageGlobals
        return vodup.pageUpload(vodup.patternFile('movie.mp4', 3 * partSize, 2), {
          emulatorUrl,
          flow: 'uploadauth',
          partSize,
          concurrency: 1,
        })
      },
      { emulatorUrl: emulator.url, partSize: 200 * KiB },
    )
    expect(record.error).toMatchObject({ code: 'BAD_RESPONSE', retryable: false })
    expect(record.error?.message).toContain('ETag')
    expect(record.error?.message).toContain(
      'must expose ETag, x-oss-request-id, x-oss-hash-crc64ecma',
    )
    expect(record.partsAcknowledged).toEqual([])
    // Not retried: the rule will not change by itself.
    const parts = emulator.requests().filter((r) => r.operation === 'UploadPart')
    expect(parts).toHaveLength(1)
    expect(emulator.requests().map((r) => r.operation)).not.toContain('CompleteMultipartUpload')
  })
})
