import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** Where the single-file web build goes, relative to the package. */
export const WEB_BUNDLE = 'dist/vodupload.web.js'

/**
 * Size budget of the web build: the build fails above it. The web SDK it replaces needs ali-oss's browser build
 * (about 500 KB) besides itself.
 */
export const WEB_BUDGET = { bytes: 150 * 1024, gzipped: 52 * 1024 }

// One global, as the web SDK defines it: AliyunUpload.Vod (kept beside other members the page already has).
const ENTRY = `import { VODUpload } from './src/web.ts'
const root = typeof globalThis !== 'undefined' ? globalThis : self
root.AliyunUpload = Object.assign(root.AliyunUpload || {}, { Vod: VODUpload })
`

/**
 * Builds `dist/vodupload.web.js`: everything bundled into one minified ES2020 script for a `<script>` tag, with
 * no Node built-ins and no global but `AliyunUpload`. Returns its size and gzipped size in bytes; throws when
 * either is over {@link WEB_BUDGET}.
 */
export async function buildWebBundle(
  packageDir: string,
): Promise<{ bytes: number; gzipped: number }> {
  const outfile = join(packageDir, WEB_BUNDLE)
  await build({
    stdin: {
      contents: ENTRY,
      resolveDir: packageDir,
      sourcefile: 'vodupload.web.js',
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    outfile,
    logLevel: 'warning',
  })
  const code = readFileSync(outfile)
  const size = { bytes: code.length, gzipped: gzipSync(code, { level: 9 }).length }
  if (size.bytes > WEB_BUDGET.bytes || size.gzipped > WEB_BUDGET.gzipped) {
    throw new Error(
      `${WEB_BUNDLE} is ${(size.bytes / 1024).toFixed(1)} KB (${(size.gzipped / 1024).toFixed(1)} KB gzipped), ` +
        `over its budget of ${WEB_BUDGET.bytes / 1024} KB (${WEB_BUDGET.gzipped / 1024} KB gzipped).`,
    )
  }
  return size
}
