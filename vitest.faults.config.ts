import { defineConfig } from 'vitest/config'
import base from './vitest.config'

/** The reliability and abuse suite (`npm run test:faults`); `VODUP_FAULTS_SCALE=full` for the documented numbers. */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['test/faults/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/faults/support/global-setup.ts'],
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
