import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

export default defineConfig(packageBuild({ entry: { index: 'src/index.ts' }, miniprogram: true }))
