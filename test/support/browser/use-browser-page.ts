import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { perFile } from '../per-file'
import { type ChromiumOptions, launchChromium } from './chromium'
import { bundlePageScript } from './page-bundle'
import { type PageServer, pageHtml, startPageServer } from './page-server'

/** What {@link useBrowserPage} gives a test. */
export interface BrowserPage {
  /** The browser, shared by the tests of the file. */
  readonly browser: Browser
  /** The origin the page is served from. */
  readonly server: PageServer
  /** This test's context (its own storage) and page, at `server.origin` with the script loaded. */
  readonly context: BrowserContext
  readonly page: Page
  /** Every request the page made (including those that failed to resolve), in order. */
  readonly requests: Request[]
  /** Messages the page printed with `console.error` and uncaught errors. */
  readonly errors: string[]
}

/** Options of {@link useBrowserPage}. */
export interface BrowserPageOptions {
  /** The page's title. */
  title?: string
  /** Scripts the page loads before its own, in order: path → source (a built file under test). */
  scripts?: Record<string, () => string | Promise<string>>
  /** Host names the browser resolves (to loopback addresses); by default only IP literals reach anything. */
  hosts?: ChromiumOptions['hosts']
  /**
   * One context and page for all the tests of the file instead of a fresh one for each: faster, for tests that
   * leave nothing behind that the next could see (they share storage, `requests` and `errors`).
   */
  onePage?: boolean
}

/**
 * Headless Chromium for the tests of a file, and for each test (with `onePage`, for the file) a fresh context
 * whose page is served from the page server (another origin than the emulator) and runs `options.scripts`, then
 * `entry` bundled from sources.
 * `/blank.html` is an empty page of the same origin. No Playwright route is set: the page's CORS is the
 * browser's own.
 */
export function useBrowserPage(entry: string, options: BrowserPageOptions = {}): () => BrowserPage {
  const title = options.title ?? 'vodup test'
  const scripts = Object.entries(options.scripts ?? {})
  const shared = perFile(
    'The browser of useBrowserPage()',
    async () => {
      const [browser, server] = await Promise.all([
        launchChromium({ hosts: options.hosts }),
        startPageServer({
          '/index.html': {
            type: 'text/html',
            body: () =>
              pageHtml(
                title,
                scripts.map(([path]) => path),
              ),
          },
          '/blank.html': { type: 'text/html', body: () => '<!doctype html><title>blank</title>' },
          '/page.js': { type: 'text/javascript', body: () => bundlePageScript(entry) },
          ...Object.fromEntries(
            scripts.map(([path, source]) => [path, { type: 'text/javascript', body: source }]),
          ),
        }),
      ])
      return { browser, server }
    },
    async ({ browser, server }) => {
      await browser.close()
      await server.stop()
    },
  )
  let current: BrowserPage | undefined
  const open = async () => {
    const { browser, server } = shared()
    const context = await browser.newContext()
    const page = await context.newPage()
    const requests: Request[] = []
    const errors: string[] = []
    page.on('request', (request) => requests.push(request))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(`${server.origin}/index.html`)
    await page.waitForFunction(() => (globalThis as { vodupReady?: boolean }).vodupReady === true)
    current = { browser, server, context, page, requests, errors }
  }
  const close = async () => {
    await current?.context.close()
    current = undefined
  }
  if (options.onePage) {
    beforeAll(open)
    afterAll(close)
  } else {
    beforeEach(open)
    afterEach(close)
  }
  return () => {
    if (!current) throw new Error('The browser page exists only while a test runs.')
    return current
  }
}
