// The script of the conformance test page: @vodup/core/testing's transport contract, run in the page against
// browserTransport() (XMLHttpRequest, Blob slices, IndexedDB, the WebAssembly CRC-64).

import { type ConformanceCase, transportConformance } from '@vodup/core/testing'
import { browserTransport } from '@vodup/transport-browser'
import { conformanceFiles } from '../helpers/conformance-files'

/** The cases for `browserTransport()`, against the conformance routes of the server at `server`. */
function cases(server: string): ConformanceCase[] {
  return transportConformance({
    transport: browserTransport().transport,
    server,
    files: conformanceFiles,
  })
}

/** Runs the case named `name`; rejects with the case's failure, or when the page has no such case. */
async function run(server: string, name: string, skip: string | undefined): Promise<void> {
  const found = cases(server).find((c) => c.name === name)
  if (!found) throw new Error(`The page has no conformance case named "${name}".`)
  if (found.skip !== skip) {
    throw new Error(
      `The page skips "${name}" for ${found.skip ?? 'no reason'}, the test for ${skip}.`,
    )
  }
  await found.run()
}

Object.assign(globalThis, { conformance: { run }, vodupReady: true })

/** What the page script defines, for the tests' `page.evaluate` callbacks. */
export type ConformancePage = { conformance: { run: typeof run } }
