import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Metafile } from 'esbuild'

const IDENTIFIER = /[A-Za-z_$][\w$]*/g
const DECLARED_PRIVATE =
  /\b(?:private|protected)\s+(?:(?:readonly|static|async|get|set|override|abstract)\s+)*([A-Za-z_$][\w$]*)/g

/** A file's text without comments (and without what looks like one inside a string: that only hides names). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ')
}

/**
 * The member names of the bundle that are provably private, for terser to shorten: names declared `private` or
 * `protected` in the workspace's TypeScript that occur nowhere in the bundle's inputs but as `this.<name>` and in
 * such declarations. A name that also occurs any other way (a property of another object, an object literal's
 * key, a string, a word of a dependency's code) is reserved, so renaming it everywhere cannot change what the
 * code does. Inputs are read from esbuild's metafile (paths relative to `baseDir`); `entry` is the text of an
 * entry that is not a file (esbuild's stdin).
 */
export function provablyPrivateNames(metafile: Metafile, baseDir: string, entry = ''): string[] {
  const candidates = new Set<string>()
  const reserved = new Set<string>()
  for (const input of [...Object.keys(metafile.inputs), '']) {
    const path = input && resolve(baseDir, input)
    if (path && !existsSync(path)) continue
    const text = code(path ? readFileSync(path, 'utf8') : entry)
    const workspace = path.endsWith('.ts') && !path.includes('/node_modules/')
    if (workspace) for (const [, name] of text.matchAll(DECLARED_PRIVATE)) candidates.add(name)
    for (const match of text.matchAll(IDENTIFIER)) {
      const name = match[0]
      const before = text.slice(Math.max(0, match.index - 80), match.index)
      const own =
        workspace &&
        (/(?<![\w$.])this\.$/.test(before) ||
          /\b(?:private|protected)\s+(?:(?:readonly|static|async|get|set|override|abstract)\s+)*$/.test(
            before,
          ))
      if (!own) reserved.add(name)
    }
  }
  return [...candidates].filter((name) => !reserved.has(name)).sort()
}
