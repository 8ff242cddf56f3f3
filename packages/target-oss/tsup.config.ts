import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

// crypto-js's core names `crypto` in a guarded require; the mini-program build has no such module.
export default defineConfig(
  packageBuild({ entry: { index: 'src/index.ts' }, miniprogram: true, emptyModules: ['crypto'] }),
)
