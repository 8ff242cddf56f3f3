import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

export default defineConfig(
  packageBuild({
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      internal: 'src/internal/index.ts',
    },
    miniprogram: true,
    // The test kit and the internal entry (for vodup's tests) run in Node, not in a mini program: they stay out
    // of miniprogram_dist.
    miniprogramEntry: { index: 'src/index.ts' },
  }),
)
