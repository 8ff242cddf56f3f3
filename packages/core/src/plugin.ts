import { UploadError } from './errors'
import type { Kernel } from './kernel'

/**
 * A plugin: `{ name, apply(kernel) }`. `apply` runs once, in `createUploader`; it taps hooks and may provide a
 * transport, target or retry policy. It may return a disposer, run by `uploader.dispose()`.
 */
export interface UploaderPlugin {
  /** Unique among the uploader's plugins, and the name of every tap the plugin makes. */
  readonly name: string
  /** Names of plugins this one needs; `createUploader` reports the missing ones by name. */
  readonly requires?: readonly string[]
  /** Coarse ordering of `apply`: `pre` plugins first, `post` plugins last. */
  readonly enforce?: 'pre' | 'post'
  apply(kernel: Kernel): undefined | (() => void | Promise<void>) | void
}

/** A named list of plugins, applied as if listed in place. */
export interface Preset {
  readonly name: string
  readonly plugins: readonly PluginInput[]
}

/** What `createUploader` accepts: plugins, presets, nested lists; falsy entries are skipped. */
export type PluginInput =
  | UploaderPlugin
  | Preset
  | readonly PluginInput[]
  | false
  | null
  | undefined

function isPreset(value: object): value is Preset {
  return (
    Array.isArray((value as Preset).plugins) &&
    typeof (value as UploaderPlugin).apply !== 'function'
  )
}

/** Flattens presets and lists, skips falsy entries, orders by `enforce` and checks names and requirements. */
export function resolvePlugins(input: readonly PluginInput[]): UploaderPlugin[] {
  const flat: UploaderPlugin[] = []
  const visit = (entry: PluginInput, path: string) => {
    if (!entry) return
    if (Array.isArray(entry)) {
      entry.forEach((child, i) => {
        visit(child, `${path}[${i}]`)
      })
      return
    }
    if (typeof entry !== 'object') {
      throw new UploadError('INVALID_ARGUMENT', `Plugin at ${path} is not a plugin object.`, {
        field: path,
      })
    }
    if (isPreset(entry)) {
      entry.plugins.forEach((child, i) => {
        visit(child, `${entry.name}[${i}]`)
      })
      return
    }
    const plugin = entry as UploaderPlugin
    if (
      typeof plugin.name !== 'string' ||
      plugin.name === '' ||
      typeof plugin.apply !== 'function'
    ) {
      throw new UploadError(
        'INVALID_ARGUMENT',
        `Plugin at ${path} must be an object with a non-empty "name" and an "apply" function.`,
        { field: path },
      )
    }
    flat.push(plugin)
  }
  visit(input as PluginInput, 'plugins')

  const seen = new Set<string>()
  for (const plugin of flat) {
    if (seen.has(plugin.name)) {
      throw new UploadError('PLUGIN_CONFLICT', `Plugin "${plugin.name}" is listed more than once.`)
    }
    seen.add(plugin.name)
  }
  for (const plugin of flat) {
    const missing = (plugin.requires ?? []).filter((name) => !seen.has(name))
    if (missing.length > 0) {
      throw new UploadError(
        'PLUGIN_MISSING',
        `Plugin "${plugin.name}" requires ${missing.map((n) => `"${n}"`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not in the plugin list.`,
      )
    }
  }
  const rank = (p: UploaderPlugin) => (p.enforce === 'pre' ? 0 : p.enforce === 'post' ? 2 : 1)
  return flat
    .map((plugin, index) => ({ plugin, index }))
    .sort((a, b) => rank(a.plugin) - rank(b.plugin) || a.index - b.index)
    .map((entry) => entry.plugin)
}
