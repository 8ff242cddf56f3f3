import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

// p-retry calls Object.hasOwn (ES2022), which older iOS JavaScriptCore lacks; the mini-program build, which
// bundles p-retry, calls the ES5 equivalent instead.
const es2017Apis = { 'Object.hasOwn': 'Object.prototype.hasOwnProperty.call' }

export default defineConfig(
  packageBuild({ entry: { index: 'src/index.ts' }, miniprogram: true }).map((config) =>
    config.outDir === 'miniprogram_dist' ? { ...config, define: es2017Apis } : config,
  ),
)
