import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

// Browser code: ES2020 for the browsers of the last few years, no Node built-ins; @vodup/crc64-wasm is bundled.
export default defineConfig(
  packageBuild({ entry: { index: 'src/index.ts' } }).map((config) => ({
    ...config,
    platform: 'browser' as const,
    target: 'es2020',
  })),
)
