import { open } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { MiB, patternBytes, sameBytes, testDir, useBrowserPage, useEmulator } from '#test-support'
import { exposeAppServer } from './helpers/app-server-binding'
import type { PageGlobals } from './helpers/page-types'
import { currentResident, peakResident, rendererPids } from './helpers/renderer-memory'

const emulator = useEmulator()
const browserPage = useBrowserPage(fileURLToPath(new URL('./page/entry.ts', import.meta.url)))

const FILE_SIZE = 100 * MiB
const PART_SIZE = 4 * MiB
const CONCURRENCY = 3
const CHUNK = 4 * MiB

/** Writes a 100 MB pattern file in chunks (chunk `i` is `patternBytes(CHUNK, i + 1)`), never whole in memory. */
async function writeLargeFile(path: string): Promise<void> {
  const handle = await open(path, 'w')
  try {
    for (let i = 0; i * CHUNK < FILE_SIZE; i++) await handle.write(patternBytes(CHUNK, i + 1))
  } finally {
    await handle.close()
  }
}

/** True when the stored object is the chunked pattern file. */
function isLargeFile(stored: Buffer): boolean {
  if (stored.length !== FILE_SIZE) return false
  for (let i = 0; i * CHUNK < FILE_SIZE; i++) {
    if (!sameBytes(stored.subarray(i * CHUNK, (i + 1) * CHUNK), patternBytes(CHUNK, i + 1)))
      return false
  }
  return true
}

describe('a 100 MB file from a page', () => {
  it('uploads with the page memory bounded by the parts in flight, not the file size', async () => {
    const dir = await testDir()
    const path = dir.path('large.mp4')
    await writeLargeFile(path)
    const { page, browser } = browserPage()
    await exposeAppServer(page, emulator)
    await page.setInputFiles('#file', path)
    const renderers = await rendererPids(browser)
    const before = currentResident(renderers)
    const cdp = await page.context().newCDPSession(page)
    let heapPeak = 0
    let sampling = true
    const sample = (async () => {
      while (sampling) {
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
        heapPeak = Math.max(heapPeak, usedSize)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    const record = await page.evaluate(
      ({ emulatorUrl, partSize, concurrency }) => {
        const { vodup } = globalThis as PageGlobals
        const file = (document.querySelector('#file') as HTMLInputElement).files![0]
        return vodup.pageUpload(file, { emulatorUrl, flow: 'uploadauth', partSize, concurrency })
      },
      { emulatorUrl: emulator.url, partSize: PART_SIZE, concurrency: CONCURRENCY },
    )
    sampling = false
    await sample
    const peak = peakResident(renderers)
    expect(record.error).toBeUndefined()
    expect(
      isLargeFile(emulator.getObject(emulator.defaultBucket, record.result!.objectKey!)!),
    ).toBe(true)
    const growth = peak - before
    console.log(
      `100 MB upload from Chromium (${CONCURRENCY} × ${PART_SIZE / MiB} MiB parts): renderer resident ` +
        `${(before / MiB).toFixed(1)} MiB before, peak ${(peak / MiB).toFixed(1)} MiB ` +
        `(+${(growth / MiB).toFixed(1)} MiB); JS heap peak ${(heapPeak / MiB).toFixed(1)} MiB`,
    )
    // The parts in flight hold 12 MiB; V8 collects the read buffers of finished parts only once about 64 MiB of
    // them piled up (its external-memory limit), so the bound is that slack plus the parts, below the file's size.
    // A page that held the file, or sent copies of its parts (the first version: +206 MiB), is far above it.
    expect(growth).toBeLessThan(FILE_SIZE)
    expect(heapPeak).toBeLessThan(FILE_SIZE / 4)
  }, 300_000)
})
