import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Resolves `@vodup/<name>` (and `@vodup/core/testing`) to package sources, so no build is needed. */
const workspaceSources: esbuild.Plugin = {
  name: 'vodup-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@vodup\// }, (args) => {
      const [, name, ...rest] = args.path.split('/')
      const sub = rest.length > 0 ? `${rest.join('/')}/index.ts` : 'index.ts'
      return { path: `${root}packages/${name}/src/${sub}` }
    })
  },
}

/** Node built-ins that dependencies may name in guarded optional requires; they become empty modules. */
const optionalBuiltins: esbuild.Plugin = {
  name: 'vodup-optional-builtins',
  setup(build) {
    build.onResolve({ filter: /^crypto$/ }, (args) => ({ path: args.path, namespace: 'empty' }))
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {}' }))
  },
}

/**
 * Bundles mini-program code the way a mini program would load it: ES2017, no Node built-ins (a Node import
 * fails the build), `miniprogram`/`main` fields, never `browser`.
 */
export async function bundleForMiniProgram(source: string, resolveDir = root): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir, sourcefile: 'miniprogram-entry.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2017',
    platform: 'neutral',
    mainFields: ['miniprogram', 'main', 'module'],
    conditions: ['require', 'default'],
    plugins: [workspaceSources, optionalBuiltins],
    logLevel: 'silent',
  })
  return result.outputFiles[0].text
}

/** Globals a mini program has besides ECMAScript's own. */
export interface MiniProgramGlobals {
  wx?: unknown
  [name: string]: unknown
}

/**
 * A `vm` context holding only what a mini program's logic layer has: ECMAScript built-ins, `console`, the timer
 * functions, and what `globals` adds (e.g. `wx`). Code generation from strings is off, as in WeChat.
 */
export function createMiniProgramContext(globals: MiniProgramGlobals = {}): vm.Context {
  return vm.createContext(
    {
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      ...globals,
    },
    { codeGeneration: { strings: false, wasm: false }, name: 'miniprogram' },
  )
}

/** Runs bundled code in the context. */
export function runInMiniProgram(code: string, context: vm.Context): unknown {
  return vm.runInContext(code, context, { filename: 'miniprogram-bundle.js' })
}

/** Bundles `source` and runs it in a fresh mini-program context; returns the context. */
export async function loadInMiniProgram(
  source: string,
  globals: MiniProgramGlobals = {},
): Promise<vm.Context> {
  const context = createMiniProgramContext(globals)
  runInMiniProgram(await bundleForMiniProgram(source), context)
  return context
}
