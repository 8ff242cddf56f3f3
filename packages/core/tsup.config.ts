import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

export default defineConfig(
  packageBuild({
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    miniprogram: true,
    // The test kit runs in Node, not in a mini program: it stays out of miniprogram_dist.
    miniprogramEntry: { index: 'src/index.ts' },
  }),
)
