import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

const root = fileURLToPath(new URL('../../..', import.meta.url))

/** Resolves `@vodup/<name>` and `@vodup/<name>/<sub>` to package sources, as vitest and tsc do. */
const workspaceSources: Plugin = {
  name: 'vodup-workspace-sources',
  setup(builder) {
    builder.onResolve({ filter: /^@vodup\// }, (args) => {
      const [, name, sub] = /^@vodup\/([^/]+)(?:\/(.+))?$/.exec(args.path) ?? []
      const src = `${root}packages/${name}/src`
      const candidates = sub ? [`${src}/${sub}/index.ts`, `${src}/${sub}.ts`] : [`${src}/index.ts`]
      const found = candidates.find((file) => existsSync(file))
      return found ? { path: found } : undefined
    })
  },
}

const bundles = new Map<string, Promise<string>>()

/**
 * Bundles a page script (TypeScript importing `@vodup/*` packages by name, from their sources) into one
 * browser script, as an app's bundler would: `browser` fields, no Node built-ins (a Node import fails the
 * build). Cached per entry for the test process.
 */
export function bundlePageScript(entry: string): Promise<string> {
  let bundle = bundles.get(entry)
  if (!bundle) {
    bundle = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      sourcemap: 'inline',
      plugins: [workspaceSources],
      logLevel: 'warning',
    }).then((result) => result.outputFiles[0].text)
    bundles.set(entry, bundle)
  }
  return bundle
}
