import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'
import { npmBuildSize } from './scripts/npm-build-size'
import { checkBudget, fmt } from './scripts/size-budget'
import { sizeTable } from './scripts/size-table'
import { buildWebBundle, WEB_BUDGET, WEB_BUNDLE } from './scripts/web-bundle'
import { buildWxBundle, WX_BUNDLE } from './scripts/wx-bundle'

const [dist, miniprogram] = packageBuild({
  entry: { index: 'src/index.ts', node: 'src/node.ts', web: 'src/web.ts' },
  miniprogram: true,
})

/** Builds dist/vodupload.wx.js, prints where its bytes go, and fails the build beyond its size budget. */
async function wxBundleWithBudget(): Promise<void> {
  const dir = import.meta.dirname
  const { bytes, gzipped, metafile, outfile, esbuildBytes, privateNames } = await buildWxBundle(dir)
  const budget = checkBudget({ bytes, gzipped })
  const npm = npmBuildSize(`${dir}/..`)
  console.log(
    [
      `${WX_BUNDLE}, by package and module (bytes after esbuild's minification):`,
      ...sizeTable(metafile, outfile, dir).map((line) => `  ${line}`),
      `  terser's pass over the whole file: ${fmt(esbuildBytes)} B → ${fmt(bytes)} B (${privateNames.length} private member names shortened)`,
      ...budget.lines.map((line) => `  ${line}`),
      'WeChat "build npm" of createUploader + wxTransport + ossTarget + uploadAuth (miniprogram_dist, copied whole):',
      ...npm.lines.map((line) => `  ${line}`),
    ].join('\n'),
  )
  if (budget.problems.length > 0) {
    throw new Error(`${WX_BUNDLE} is over its size budget: ${budget.problems.join('; ')}.`)
  }
}

export default defineConfig([
  {
    ...dist,
    // The Node entry's types come from @vodup/transport-node, whose declarations need Node's (its TLS options).
    dts: { compilerOptions: { types: ['node'] } },
    async onSuccess() {
      await wxBundleWithBudget()
      const web = await buildWebBundle(import.meta.dirname)
      console.log(
        `${WEB_BUNDLE}: ${(web.bytes / 1024).toFixed(1)} KB, ${(web.gzipped / 1024).toFixed(1)} KB gzipped ` +
          `(budget ${WEB_BUDGET.bytes / 1024} KB, ${WEB_BUDGET.gzipped / 1024} KB gzipped)`,
      )
    },
  },
  // The mini-program build (WeChat DevTools' npm build) has the WeChat entry only.
  { ...miniprogram, entry: { index: 'src/index.ts' } },
])
