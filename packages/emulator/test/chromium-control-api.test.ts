import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type PageServer, startPageServer, useEmulator } from '#test-support'

/**
 * A web page in a real Chromium on the same machine tries to reconfigure the emulator: a simple cross-site
 * POST (a form, a no-cors fetch), a CORS fetch, and DNS rebinding (its host name, `rebind.test`, made to
 * resolve to 127.0.0.1, so its own origin now reaches the emulator's port).
 */

const REBIND_HOST = 'rebind.test'
const ATTACK = JSON.stringify({
  failNext: { operation: 'UploadPart', status: 503, code: 'ServiceUnavailable', count: 1000 },
})

describe('a web page cannot reconfigure the emulator (real Chromium)', () => {
  const emulator = useEmulator()
  let browser: Browser
  let pages: PageServer

  beforeAll(async () => {
    // The suite's browser, with one more name the resolver knows: the rebinding attacker's host.
    browser = await launchChromium({ hosts: { [REBIND_HOST]: '127.0.0.1' } })
    pages = await startPageServer({
      '/attack.html': {
        type: 'text/html',
        body: () =>
          '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><iframe name="sink"></iframe></body></html>',
      },
    })
  })
  afterAll(async () => {
    await browser?.close()
    await pages?.stop()
  })

  /** A new page, and the statuses of every control API answer the browser received (whatever the page may read). */
  async function attackerPage(url: string): Promise<{ page: Page; statuses: [string, number][] }> {
    const page = await (await browser.newContext()).newPage()
    const statuses: [string, number][] = []
    page.on('response', (response) => {
      if (response.url().includes('/__vodup/'))
        statuses.push([
          `${response.request().method()} ${new URL(response.url()).pathname}`,
          response.status(),
        ])
    })
    await page.goto(url)
    return { page, statuses }
  }

  it('from another origin: the form POST and the no-cors POST get 403, the CORS fetches are blocked, nothing changes', async () => {
    const { page, statuses } = await attackerPage(`${pages.origin}/attack.html`)
    const seen = await page.evaluate(
      async ({ control, body }) => {
        const out: string[] = []
        // An HTML form, posted into an iframe: the classic cross-site request.
        await new Promise<void>((resolve) => {
          const frame = document.querySelector('iframe')!
          frame.addEventListener('load', () => resolve(), { once: true })
          const form = document.createElement('form')
          form.method = 'POST'
          form.action = `${control}/faults`
          form.enctype = 'text/plain'
          form.target = 'sink'
          const field = document.createElement('input')
          field.name = body.slice(0, -2)
          field.value = '}}'
          form.appendChild(field)
          document.body.appendChild(form)
          form.submit()
        })
        const noCors = await fetch(`${control}/faults`, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'Content-Type': 'text/plain' },
          body,
        })
        out.push(`no-cors: ${noCors.type}`)
        for (const [name, init] of [
          ['json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }],
          ['read', { method: 'GET' }],
        ] as const) {
          try {
            const answer = await fetch(
              `${control}/${name === 'read' ? 'requests' : 'faults'}`,
              init,
            )
            out.push(`${name}: read ${answer.status}`)
          } catch {
            out.push(`${name}: blocked`)
          }
        }
        return out
      },
      { control: `${emulator.url}/__vodup`, body: ATTACK },
    )
    expect(seen).toEqual(['no-cors: opaque', 'json: blocked', 'read: blocked'])
    // The answers the browser got (the page can read neither): the form's and the no-cors POST's, both 403.
    // The JSON POST never left its preflight, which the emulator refuses (403) without any CORS header.
    expect(statuses).toEqual([
      ['POST /__vodup/faults', 403],
      ['POST /__vodup/faults', 403],
    ])
    expect(emulator.faults.state().failNext).toEqual([])
  })

  it('DNS rebinding: the page at rebind.test, now resolving to 127.0.0.1, is same-origin with the port, and still gets 403', async () => {
    const origin = `http://${REBIND_HOST}:${emulator.port}`
    const { page } = await attackerPage(`${origin}/__vodup/health`)
    const seen = await page.evaluate(
      async ({ body, token }) => {
        // Same-origin now: the page may send JSON, any header (even the token, had it stolen it), and read answers.
        const set = await fetch('/__vodup/faults', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body,
        })
        const read = await fetch('/__vodup/requests', {
          headers: { Authorization: `Bearer ${token}` },
        })
        return { set: set.status, read: read.status, location: location.origin }
      },
      { body: ATTACK, token: emulator.controlToken },
    )
    expect(seen).toEqual({ set: 403, read: 403, location: origin })
    expect(emulator.faults.state().failNext).toEqual([])
  })
})
