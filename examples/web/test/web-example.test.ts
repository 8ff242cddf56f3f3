import { open } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  acknowledgedParts,
  launchChromium,
  MiB,
  patternBytes,
  sameBytes,
  testDir,
} from '#test-support'
import { startWebExample, type WebExample } from '../src'

const SIZE = 6 * MiB + 123
const SCREENSHOT = join(import.meta.dirname, '..', 'screenshot.png')
/** The README's screenshot is rewritten only on request, so a test run leaves the tree as it was. */
const UPDATE_SCREENSHOT = process.env.VODUP_UPDATE_SCREENSHOTS === '1'

let example: WebExample
let browser: Browser
beforeAll(async () => {
  ;[example, browser] = await Promise.all([startWebExample(0, {}), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await example?.stop()
})

const statusOf = (page: Page) => page.locator('#status').textContent()

describe('examples/web in Chromium', () => {
  it('uploads with progress, stops, and after a reload resumes the same video without re-sending a part', async () => {
    const emulator = example.appServer.emulator!
    const dir = await testDir()
    const path = dir.path('holiday.mp4')
    const handle = await open(path, 'w')
    await handle.write(patternBytes(SIZE, 9))
    await handle.close()
    // Slow enough to stop mid-way: about 3 s for the file.
    emulator.faults.setBandwidth(2 * MiB, 'UploadPart')

    const context = await browser.newContext({ viewport: { width: 760, height: 420 } })
    const page = await context.newPage()
    const requests: Request[] = []
    page.on('request', (request) => requests.push(request))
    await page.goto(example.url)
    await page.setInputFiles('#file', path)
    await page.click('#start')
    await page.waitForFunction(
      () => Number((document.querySelector('#progress') as HTMLProgressElement).value) >= 30,
    )
    await page.click('#stop')
    const stopped = await statusOf(page)
    expect(stopped).toMatch(/^Stopped at \d+ %/)
    // The stop aborted the parts in flight, but the browser had already handed most of their bytes to the
    // system: the server goes on reading those bodies and may store a whole part after the page gave up on it.
    // A resume that lists the parts before that would send such a part again, which is no fault of the page's, so
    // the test lets the server finish first and then expects no part to be acknowledged twice.
    await emulator.idle()
    expect(await statusOf(page)).toBe(stopped) // no callback after stopUpload() changed the page

    await page.reload()
    emulator.faults.setBandwidth(null)
    await page.setInputFiles('#file', path)
    await page.click('#start')
    await page.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Uploaded'),
    )
    const shot = await page.screenshot(UPDATE_SCREENSHOT ? { path: SCREENSHOT } : {})
    expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG')

    const status = (await statusOf(page))!
    const videoId = /video (\w+)/.exec(status)?.[1]
    expect(videoId).toBeDefined()
    const log = emulator.requests()
    expect(log.filter((r) => r.operation === 'CreateUploadVideo')).toHaveLength(1)
    expect(log.map((r) => r.operation)).toContain('RefreshUploadVideo') // the resume after the reload
    const complete = log.find((r) => r.operation === 'CompleteMultipartUpload' && r.status === 200)!
    expect(
      sameBytes(emulator.getObject(complete.bucket!, complete.key!)!, patternBytes(SIZE, 9)),
    ).toBe(true)
    expect([...acknowledgedParts(log).values()].every((count) => count === 1)).toBe(true)
    const origins = new Set(requests.map((r) => new URL(r.url()).origin))
    expect([...origins].sort()).toEqual([new URL(example.url).origin, emulator.url].sort())
    await context.close()
  })
})
