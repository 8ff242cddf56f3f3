import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'
import { buildWebBundle, WEB_BUDGET, WEB_BUNDLE } from './scripts/web-bundle'
import { buildWxBundle, WX_BUNDLE } from './scripts/wx-bundle'

const [dist, miniprogram] = packageBuild({
  entry: { index: 'src/index.ts', node: 'src/node.ts', web: 'src/web.ts' },
  miniprogram: true,
})

export default defineConfig([
  {
    ...dist,
    // The Node entry's types come from @vodup/transport-node, whose declarations need Node's (its TLS options).
    dts: { compilerOptions: { types: ['node'] } },
    async onSuccess() {
      const { bytes, gzipped } = await buildWxBundle(import.meta.dirname)
      console.log(
        `${WX_BUNDLE}: ${(bytes / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`,
      )
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
