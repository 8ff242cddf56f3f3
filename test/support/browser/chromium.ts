import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'

/** Where Debian's `chromium` package puts the real binary (`/usr/bin/chromium` is a shell wrapper). */
const DEBIAN_CHROMIUM = '/usr/lib/chromium/chromium'

/** The Chromium binary the browser tests drive: `VODUP_CHROMIUM`, else Debian's. */
export function chromiumPath(): string {
  const path = process.env.VODUP_CHROMIUM ?? DEBIAN_CHROMIUM
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install Debian's: apt-get install -y --no-install-recommends chromium ` +
        '(or set VODUP_CHROMIUM to another Chromium binary). Never `npx playwright install`: it downloads ' +
        'from a CDN.',
    )
  }
  return path
}

/**
 * Flags for a headless Chromium that sends nothing off the machine: no background networking, updates, sync or
 * QUIC, and a host resolver that knows no name, so only IP literals (127.0.0.1) can be reached. A page that tries
 * another host fails to resolve it, and the attempt still shows in the page's request events.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--enable-precise-memory-info',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
]

/**
 * Launches Debian's Chromium, headless, with {@link CHROMIUM_FLAGS}; Playwright gives it a new empty profile in a
 * temporary directory, removed when the browser closes.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS })
}
