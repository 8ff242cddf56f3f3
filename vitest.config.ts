import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * `@vodup/<name>` and `@vodup/<name>/<sub>` resolve to package sources (`src/index.ts`, `src/<sub>/index.ts` or
 * `src/<sub>.ts`), so tests need no build.
 */
function workspaceAliases() {
  const aliases: Array<{ find: string | RegExp; replacement: string }> = []
  for (const name of readdirSync(`${root}packages`)) {
    const src = `${root}packages/${name}/src`
    if (!existsSync(src)) continue
    for (const entry of readdirSync(src, { withFileTypes: true })) {
      const sub = entry.name.replace(/\.ts$/, '')
      const file = entry.isDirectory() ? `${src}/${entry.name}/index.ts` : `${src}/${entry.name}`
      if (
        sub === 'index' ||
        entry.name.endsWith('.test.ts') ||
        !/\.ts$/.test(file) ||
        !existsSync(file)
      )
        continue
      aliases.push({ find: `@vodup/${name}/${sub}`, replacement: file })
    }
    aliases.push({ find: new RegExp(`^@vodup/${name}$`), replacement: `${src}/index.ts` })
  }
  return aliases
}

export default defineConfig({
  resolve: {
    alias: [
      ...workspaceAliases(),
      { find: /^#test-support$/, replacement: `${root}test/support/index.ts` },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.mjs',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/faults/**', '**/*.peer.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
