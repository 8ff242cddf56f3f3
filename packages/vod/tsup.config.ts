import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

export default defineConfig(
  // crypto-js names Node's `crypto` in a guarded optional require (for random numbers, which vodup does not use).
  packageBuild({ entry: { index: 'src/index.ts' }, miniprogram: true, emptyModules: ['crypto'] }),
)
