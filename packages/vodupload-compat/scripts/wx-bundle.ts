import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'

/** Where the single-file mini-program build goes, relative to the package. */
export const WX_BUNDLE = 'dist/vodupload.wx.js'

/** crypto-js requires `crypto` inside a try/catch for Node; in a mini program it gets an empty module. */
const emptyCrypto: Plugin = {
  name: 'empty-crypto',
  setup(builder) {
    builder.onResolve({ filter: /^crypto$/ }, (args) => ({ path: args.path, namespace: 'empty' }))
    builder.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({
      contents: 'module.exports = {}',
    }))
  },
}

// The file's module.exports is the class itself, with `default` and `VODUpload` pointing at it, so both
// `import VODUpload from './vodupload.wx.js'` and `require('./vodupload.wx.js')` work. The entry imports (rather
// than requires) the sources so that esbuild keeps them as plain ES modules, without lazy-init wrappers.
const ENTRY = `import { VODUpload } from './src/index.ts'
VODUpload.default = VODUpload
VODUpload.VODUpload = VODUpload
module.exports = VODUpload
`

/**
 * Builds `dist/vodupload.wx.js`: everything bundled into one minified ES2017 CommonJS file with no Node built-ins
 * and no code generation, for an app to copy into its mini program. Resolves `miniprogram` and `main` fields,
 * never `browser`. Returns its size and gzipped size in bytes.
 */
export async function buildWxBundle(
  packageDir: string,
): Promise<{ bytes: number; gzipped: number }> {
  const outfile = join(packageDir, WX_BUNDLE)
  await build({
    stdin: { contents: ENTRY, resolveDir: packageDir, sourcefile: 'vodupload.wx.js', loader: 'js' },
    bundle: true,
    format: 'cjs',
    target: 'es2017',
    platform: 'neutral',
    mainFields: ['miniprogram', 'main'],
    minify: true,
    // Object.hasOwn is ES2022 (missing from older iOS engines); p-retry and others call it.
    define: { 'Object.hasOwn': 'Object.prototype.hasOwnProperty.call' },
    plugins: [emptyCrypto],
    // The entry sets the CommonJS module.exports of the output file on purpose.
    logOverride: { 'commonjs-variable-in-esm': 'silent' },
    outfile,
    logLevel: 'warning',
  })
  const code = readFileSync(outfile)
  return { bytes: code.length, gzipped: gzipSync(code, { level: 9 }).length }
}
