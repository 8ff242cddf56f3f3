import { fileURLToPath } from 'node:url'
import { transportConformance } from '@vodup/core/testing'
import { describe, it } from 'vitest'
import { memoryStore, useBrowserPage, useEmulator } from '#test-support'
import { browserTransport } from '../src'
import { conformanceFiles } from './helpers/conformance-files'
import type { ConformancePage } from './page/conformance'

// The transport contract every platform keeps, run in Chromium: the page serves from another origin than the
// emulator, whose conformance routes answer any origin. The cases run one after another in one page.
const emulator = useEmulator()
const browserPage = useBrowserPage(
  fileURLToPath(new URL('./page/conformance.ts', import.meta.url)),
  {
    title: 'transport conformance',
    onePage: true,
  },
)

// The names and skips are listed here, from the same transport built in Node (it touches no browser API until
// used; the store is the only part that differs, and no case's skip depends on it). The page builds its own and
// checks that each case and its skip are the same.
const listed = transportConformance({
  transport: browserTransport({ store: memoryStore() }).transport,
  server: '',
  files: conformanceFiles,
})

describe('transport-browser keeps the transport contract in Chromium', () => {
  for (const c of listed) {
    it.skipIf(Boolean(c.skip))(c.name, () =>
      browserPage().page.evaluate(
        ({ server, name, skip }) =>
          (globalThis as unknown as ConformancePage).conformance.run(server, name, skip),
        { server: emulator.url, name: c.name, skip: c.skip },
      ),
    )
  }
})
