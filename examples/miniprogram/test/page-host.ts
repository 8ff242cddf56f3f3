import { fileURLToPath } from 'node:url'
import { bundleForMiniProgram, createMiniProgramContext, runInMiniProgram } from '#test-support'

const exampleRoot = fileURLToPath(new URL('..', import.meta.url))

type Handler = (this: PageInstance, event?: unknown) => unknown

/** A page as WeChat runs it: the options passed to `Page()`, with `data` and `setData` on `this`. */
export interface PageInstance {
  data: Record<string, unknown>
  setData(patch: Record<string, unknown>, callback?: () => void): void
  [handler: string]: unknown
}

/** Runs a handler as a tap on a `<button data-id="…">` would. */
export function tap(
  page: PageInstance,
  handler: string,
  dataset: Record<string, unknown> = {},
): unknown {
  return (page[handler] as Handler).call(page, { currentTarget: { dataset }, target: { dataset } })
}

/** Every `setData` patch, for assertions on what the screen showed. */
export type SetDataLog = Array<Record<string, unknown>>

/**
 * Bundles a page of the example as a mini program's build would (ES2017, no Node built-ins, `@vodup/*` from
 * source) and runs it in a `vm` context with only a mini program's globals, code generation from strings off, the
 * given `wx`, and `getApp()` pointing at `appServer`. Returns the page, loaded (`onLoad` ran).
 */
export async function loadPage(
  page: string,
  wx: unknown,
  appServer: string,
): Promise<{ page: PageInstance; setDataLog: SetDataLog }> {
  const code = await bundleForMiniProgram(
    `import './miniprogram/pages/${page}/${page}'`,
    exampleRoot,
  )
  let options: Record<string, unknown> | undefined
  const context = createMiniProgramContext({
    wx,
    Page: (o: Record<string, unknown>) => {
      options = o
    },
    getApp: () => ({ globalData: { appServer } }),
  })
  runInMiniProgram(code, context)
  if (!options) throw new Error(`pages/${page} did not call Page()`)
  const setDataLog: SetDataLog = []
  const instance: PageInstance = {
    ...options,
    data: JSON.parse(JSON.stringify(options.data ?? {})),
    setData(patch, callback) {
      setDataLog.push(JSON.parse(JSON.stringify(patch)))
      Object.assign(this.data, JSON.parse(JSON.stringify(patch)))
      callback?.()
    },
  }
  ;(instance.onLoad as Handler | undefined)?.call(instance)
  return { page: instance, setDataLog }
}
