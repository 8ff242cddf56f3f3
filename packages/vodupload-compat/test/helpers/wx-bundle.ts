import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMiniProgramContext, runInMiniProgram } from '#test-support'
import type { VODUploadCore, VODUploadOptions } from '../../src/index'

const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'vodupload.wx.js')

/** The class `dist/vodupload.wx.js` exports. */
export type VODUploadClass = (new (
  options?: VODUploadOptions,
) => VODUploadCore) & {
  default: unknown
  VODUpload: unknown
}

/** The built single file's text; fails with a hint when the package was not built. */
export function wxBundleText(): string {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run npm run build -w packages/vodupload-compat`)
  }
  return readFileSync(BUNDLE, 'utf8')
}

/**
 * Loads `dist/vodupload.wx.js` the way a mini program loads a copied file: as a CommonJS module in a context that
 * has only a mini program's globals (and `wx`), with code generation from strings disabled.
 */
export function loadWxBundle(wx: unknown): VODUploadClass {
  const context = createMiniProgramContext({ wx })
  context.module = { exports: {} }
  context.exports = context.module.exports
  runInMiniProgram(wxBundleText(), context)
  return context.module.exports as VODUploadClass
}
