// Runs the tests of the release and docs scripts: npx vitest run --config scripts/vitest.config.mjs
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['scripts/**/*.test.mjs'],
    testTimeout: 60_000,
    pool: 'forks',
  },
})
