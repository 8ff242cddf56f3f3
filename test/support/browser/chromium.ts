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

/** Options of {@link chromiumFlags} and {@link launchChromium}. */
export interface ChromiumOptions {
  /**
   * Names the host resolver knows, each mapped to a loopback address: `{ '*.localhost': '127.0.0.1' }` (a pattern
   * may start with `*.`). Every other name still resolves to nothing.
   */
  hosts?: Record<string, string>
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/

/**
 * Flags for a headless Chromium that sends nothing off the machine: no background networking, updates, sync or
 * QUIC, and a host resolver that knows no name but `options.hosts` (loopback addresses only), so only IP literals
 * (127.0.0.1) and those names can be reached. A page that tries another host fails to resolve it, and the attempt
 * still shows in the page's request events.
 */
export function chromiumFlags(options: ChromiumOptions = {}): string[] {
  const maps = Object.entries(options.hosts ?? {}).map(([name, address]) => {
    if (!LOOPBACK.test(address) || !/^(\*\.)?[a-z0-9.-]+$/i.test(name)) {
      throw new Error(
        `chromiumFlags: ${name} → ${address} is not a host name mapped to a loopback address.`,
      )
    }
    return `MAP ${name} ${address}`
  })
  return [
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
    `--host-resolver-rules=${[...maps, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ')}`,
  ]
}

/** {@link chromiumFlags} without extra host names. */
export const CHROMIUM_FLAGS: readonly string[] = chromiumFlags()

/**
 * Launches Debian's Chromium, headless, with {@link chromiumFlags}; Playwright gives it a new empty profile in a
 * temporary directory, removed when the browser closes.
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumFlags(options),
  })
}
