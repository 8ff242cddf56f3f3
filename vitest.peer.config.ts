import { defineConfig } from 'vitest/config'
import base from './vitest.config'

/**
 * The peer tests (`npm run test:peer`): other vendors' SDKs run beside vodup's in the same conditions, to show the
 * behaviours vodup's documentation compares against. Kept out of `npm test`: they test someone else's code.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['packages/*/test/**/*.peer.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
