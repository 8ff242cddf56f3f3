import { defineConfig } from 'tsup'
import { packageBuild } from '../../build/package-build'

export default defineConfig([
  ...packageBuild({ entry: { index: 'src/index.ts' }, miniprogram: true }),
  // The wx test double: Node-only, outside the mini-program build, checked against the real wx typings.
  {
    entry: { double: 'src/double/index.ts' },
    format: ['esm', 'cjs'],
    dts: { banner: '/// <reference types="miniprogram-api-typings" />' },
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    outDir: 'dist',
    splitting: false,
    tsconfig: 'tsconfig.double.json',
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  },
])
