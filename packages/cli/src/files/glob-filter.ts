import { posix } from 'node:path'
import picomatch from 'picomatch'

/**
 * `--include` / `--exclude`: a file found in a directory is taken when it matches an include pattern (or none was
 * given) and no exclude pattern. A pattern without `/` matches the file name at any depth (`*.mp4`); a pattern
 * with `/` matches the path below the directory named (`clips/**`, `2024/*.mov`). Dot files match `*`.
 */
export function globFilter(
  include: string[],
  exclude: string[],
): (relativePath: string) => boolean {
  const included = matcher(include)
  const excluded = matcher(exclude)
  return (relativePath) =>
    (include.length === 0 || included(relativePath)) && !excluded(relativePath)
}

function matcher(patterns: string[]): (relativePath: string) => boolean {
  const tests = patterns.map((pattern) => {
    const test = picomatch(pattern, { dot: true })
    return pattern.includes('/')
      ? (path: string) => test(path)
      : (path: string) => test(posix.basename(path))
  })
  return (path) => tests.some((test) => test(path))
}
