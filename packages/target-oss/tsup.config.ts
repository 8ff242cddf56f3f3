import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

export default defineConfig(
  packageBuild({
    // `internal`: what other vodup packages, tools and tests share, outside semver.
    entry: { index: 'src/index.ts', internal: 'src/internal/index.ts' },
    miniprogram: true,
    // In mini programs only what the VOD layer needs there (miniprogram_dist is copied whole into each app).
    miniprogramEntry: { index: 'src/index.ts', internal: 'src/internal/miniprogram.ts' },
  }),
)
