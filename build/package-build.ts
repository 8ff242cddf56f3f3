import type { Options } from 'tsup'

/** How one workspace package is built. */
export interface PackageBuild {
  /** Entry points, relative to the package: `{ index: 'src/index.ts' }`. */
  entry: Record<string, string>
  /** Runs in WeChat mini programs: ES2017 output and a `miniprogram_dist/` CommonJS build. */
  miniprogram?: boolean
  /**
   * Entries of the `miniprogram_dist/` build when not all of `entry` belong in a mini program (WeChat's "build
   * npm" copies that folder whole, and a mini program pays for every file in it). Default: `entry`.
   */
  miniprogramEntry?: Record<string, string>
  /** Entries that need a shebang and stay Node-only (command-line tools). */
  bin?: Record<string, string>
  /** Modules replaced by an empty object in the mini-program build (optional Node-only requires in dependencies). */
  emptyModules?: string[]
}

const emptyModulePlugin = (names: string[]) => ({
  name: 'vodup-empty-modules',
  setup(build: {
    onResolve: (
      o: { filter: RegExp },
      cb: (a: { path: string }) => { path: string; namespace: string },
    ) => void
    onLoad: (o: { filter: RegExp; namespace: string }, cb: () => { contents: string }) => void
  }) {
    if (names.length === 0) return
    const filter = new RegExp(
      `^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`,
    )
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'vodup-empty' }))
    build.onLoad({ filter: /.*/, namespace: 'vodup-empty' }, () => ({
      contents: 'module.exports = {}',
    }))
  },
})

/** The tsup configuration every package uses: ESM + CommonJS + .d.ts, and a mini-program build where asked. */
export function packageBuild(build: PackageBuild): Options[] {
  const target = build.miniprogram ? 'es2017' : 'node20'
  const configs: Options[] = [
    {
      entry: build.entry,
      format: ['esm', 'cjs'],
      dts: true,
      sourcemap: true,
      clean: true,
      target,
      platform: build.miniprogram ? 'neutral' : 'node',
      outDir: 'dist',
      // Entries of one package share their modules through chunks in the ES module build (tsup's default for
      // ESM; the CommonJS build stays one file per entry), so a bundle that imports two entries (the main one
      // and `/internal`) holds each module once.
      splitting: Object.keys(build.entry).length > 1 ? undefined : false,
      treeshake: true,
      outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
    },
  ]
  if (build.bin) {
    configs.push({
      entry: build.bin,
      format: ['esm'],
      target: 'node20',
      platform: 'node',
      outDir: 'dist',
      clean: false,
      dts: false,
      banner: { js: '#!/usr/bin/env node' },
    })
  }
  if (build.miniprogram) {
    configs.push({
      entry: build.miniprogramEntry ?? build.entry,
      format: ['cjs'],
      target: 'es2017',
      platform: 'neutral',
      outDir: 'miniprogram_dist',
      clean: true,
      dts: false,
      minify: false,
      splitting: false,
      // Other @vodup packages stay separate modules; WeChat DevTools builds each from its own `miniprogram` field.
      external: [/^@vodup\//],
      noExternal: [/^(?!@vodup\/)/],
      outExtension: () => ({ js: '.js' }),
      esbuildOptions(options) {
        options.mainFields = ['miniprogram', 'main', 'module']
        options.conditions = ['require', 'default']
      },
      esbuildPlugins: [emptyModulePlugin(build.emptyModules ?? [])],
    })
  }
  return configs
}
