import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import vm from 'node:vm'
import { parse } from 'acorn'
import { describe, expect, it } from 'vitest'
import { createMiniProgramContext } from '#test-support'

const root = join(import.meta.dirname, '..')
const MINIPROGRAM_PACKAGES = [
  'core',
  'target-oss',
  'vod',
  'auth-uploadauth',
  'auth-sts',
  'retry',
  'callback-compat',
  'transport-wx',
  'vodupload-compat',
]

const manifest = (name: string) =>
  JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >

/**
 * Loads a package's `miniprogram_dist/index.js` (or `<entry>.js`) the way WeChat DevTools' npm build would:
 * CommonJS, other @vodup packages (`@vodup/<name>`, `@vodup/<name>/<entry>`) from their own `miniprogram_dist`,
 * nothing else resolvable.
 */
function loadMiniProgramBuild(
  name: string,
  context: vm.Context,
  cache = new Map<string, unknown>(),
  entry = 'index',
): unknown {
  const key = `${name}/${entry}`
  const cached = cache.get(key)
  if (cached) return cached
  const code = readFileSync(join(root, 'packages', name, 'miniprogram_dist', `${entry}.js`), 'utf8')
  const module = { exports: {} as Record<string, unknown> }
  cache.set(key, module.exports)
  const requireInMiniProgram = (id: string) => {
    const match = /^@vodup\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(id)
    if (!match) throw new Error(`${name} requires "${id}", which a mini program cannot resolve`)
    return loadMiniProgramBuild(match[1], context, cache, match[2])
  }
  const wrapper = vm.runInContext(`(function (module, exports, require) {${code}\n})`, context) as (
    m: unknown,
    e: unknown,
    r: unknown,
  ) => void
  wrapper(module, module.exports, requireInMiniProgram)
  cache.set(key, module.exports)
  return module.exports
}

describe.each(MINIPROGRAM_PACKAGES)('the mini-program build of @vodup/%s', (name) => {
  const file = join(root, 'packages', name, 'miniprogram_dist', 'index.js')

  it('is declared by a miniprogram field, without a browser field', () => {
    expect(manifest(name).miniprogram).toBe('miniprogram_dist')
    expect(manifest(name).browser).toBeUndefined()
    expect(existsSync(file), `${file} is missing: run npm run build`).toBe(true)
  })

  // Every file of the folder: WeChat's "build npm" copies it whole, and other packages require its subpaths.
  const files = () =>
    readdirSync(join(root, 'packages', name, 'miniprogram_dist'))
      .filter((entry) => entry.endsWith('.js'))
      .map((entry) => join(root, 'packages', name, 'miniprogram_dist', entry))

  it('is ES2017 CommonJS without Node built-ins or code generation', () => {
    for (const path of files()) {
      const code = readFileSync(path, 'utf8')
      expect(() => parse(code, { ecmaVersion: 2017, sourceType: 'script' }), path).not.toThrow()
      const required = [...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1])
      const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
      expect(
        required.filter((id) => builtins.has(id)),
        path,
      ).toEqual([])
      expect(code, path).not.toMatch(/\bnew Function\(|\beval\(/)
    }
  })

  it('calls no built-in newer than the runtimes WeChat supports, nor web-only globals', () => {
    const tooNew =
      /\bObject\.hasOwn\(|\.replaceAll\(|\bstructuredClone\(|\.findLast(Index)?\(|\bperformance\.now\(|\bqueueMicrotask\(/g
    for (const path of files()) {
      const code = readFileSync(path, 'utf8')
      expect(
        [...code.matchAll(tooNew)].map((m) => m[0]),
        path,
      ).toEqual([])
    }
  })

  it('loads in a sandbox with only mini-program globals and no code generation', () => {
    const exports = loadMiniProgramBuild(name, createMiniProgramContext()) as Record<
      string,
      unknown
    >
    expect(Object.keys(exports).length).toBeGreaterThan(0)
  })
})
