import type { Dirent, Stats } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, isAbsolute, join, relative, sep } from 'node:path'
import { UploadError, type UploadErrorCode } from '@vodup/core'
import type { FileFailure } from '../output/file-report'
import { globFilter } from './glob-filter'

/** A file to upload, with what the command shows and keys its records on. */
export interface Candidate {
  /** Absolute path. */
  path: string
  /** The path as shown: as named, or the named directory joined with the path found below it. */
  display: string
  /** The path below the directory named (`/`-separated), or the file name of a file named itself. */
  relative: string
  size: number
  mtimeMs: number
}

/** A file found in a directory and left out, with why. */
export interface IgnoredFile {
  display: string
  path: string
  reason: string
}

/** The files of a batch, the problems that stop it (exit 2) and the files left out. */
export interface Collection {
  files: Candidate[]
  problems: FileFailure[]
  ignored: IgnoredFile[]
}

/** How {@link collectFiles} expands what was named. */
export interface CollectOptions {
  recursive: boolean
  include: string[]
  exclude: string[]
  cwd: string
  /** Whether the destination takes a file of this name; a file named but not taken is a problem, one found is ignored. */
  accepts(name: string): boolean
  /** Why a name is not taken, e.g. "VOD does not take this type of file". */
  refusal: string
  /** Directories never walked into: the command's own checkpoints and emulator data. */
  skipDirs: string[]
  /** Empty files are uploaded (OSS takes them; VOD does not). */
  allowEmpty?: boolean
}

function problem(display: string, path: string, code: UploadErrorCode, message: string) {
  const error = new UploadError(code, message)
  return { name: display, path, error: { code: error.code, message: error.message } }
}

function fsProblem(display: string, path: string, error: unknown): FileFailure {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return problem(display, path, 'FILE_NOT_FOUND', `No file at ${path}.`)
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return problem(display, path, 'FILE_NOT_READABLE', `No permission to read ${path}.`)
  }
  return problem(
    display,
    path,
    'FILE_NOT_READABLE',
    `Cannot read ${path}: ${(error as Error).message}`,
  )
}

function shown(cwd: string, path: string, named: string): string {
  if (!isAbsolute(named)) return named
  const inside = relative(cwd, path)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path
}

function isInside(path: string, dirs: string[]): boolean {
  return dirs.some((dir) => path === dir || path.startsWith(dir + sep))
}

/**
 * Expands the files and directories named into the files to upload, before anything is sent. A missing or
 * unreadable path, a directory without `-r`, an empty file or a file the destination does not take, when named,
 * is a problem; in a directory walk, empty and untaken files are left out (and listed). Symbolic links to files are
 * followed, links to directories are not (no loops). Each file counts once, in the order named, directories
 * sorted by name.
 */
export async function collectFiles(
  named: Array<{ path: string; as: string }>,
  options: CollectOptions,
): Promise<Collection> {
  const collection: Collection = { files: [], problems: [], ignored: [] }
  const seen = new Set<string>()
  const filter = globFilter(options.include, options.exclude)
  if ((options.include.length > 0 || options.exclude.length > 0) && !options.recursive) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      '--include and --exclude choose among the files found in directories: add -r (--recursive).',
      { field: 'include' },
    )
  }
  const add = (
    path: string,
    display: string,
    relativePath: string,
    stats: Stats,
    explicit: boolean,
  ) => {
    if (seen.has(path)) return
    seen.add(path)
    const name = basename(path)
    const why = !options.accepts(name)
      ? { code: 'INVALID_ARGUMENT' as const, reason: options.refusal }
      : stats.size === 0 && !options.allowEmpty
        ? { code: 'EMPTY_FILE' as const, reason: 'the file is empty, and VOD refuses empty files' }
        : undefined
    if (why && explicit) {
      collection.problems.push(
        problem(display, path, why.code, `${why.reason[0].toUpperCase()}${why.reason.slice(1)}.`),
      )
    } else if (why) collection.ignored.push({ display, path, reason: why.reason })
    else {
      collection.files.push({
        path,
        display,
        relative: relativePath,
        size: stats.size,
        mtimeMs: stats.mtimeMs,
      })
    }
  }

  const walk = async (dir: string, display: string, below: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      collection.problems.push(fsProblem(display, dir, error))
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const path = join(dir, entry.name)
      const shownPath = join(display, entry.name)
      const relativePath = below ? `${below}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (!isInside(path, options.skipDirs)) await walk(path, shownPath, relativePath)
        continue
      }
      if (!filter(relativePath)) continue
      let stats: Stats
      try {
        stats = await stat(path)
      } catch (error) {
        collection.problems.push(fsProblem(shownPath, path, error))
        continue
      }
      if (stats.isFile()) add(path, shownPath, relativePath, stats, false)
      else if (entry.isSymbolicLink() && stats.isDirectory()) {
        collection.ignored.push({
          display: shownPath,
          path,
          reason: 'a link to a directory, not followed',
        })
      }
    }
  }

  for (const { path, as } of named) {
    const display = shown(options.cwd, path, as)
    let stats: Stats
    try {
      stats = await stat(path)
    } catch (error) {
      collection.problems.push(fsProblem(display, path, error))
      continue
    }
    if (stats.isDirectory()) {
      if (options.recursive) await walk(path, display, '')
      else {
        collection.problems.push(
          problem(
            display,
            path,
            'INVALID_ARGUMENT',
            `${display} is a directory: add -r (--recursive) to upload the files in it.`,
          ),
        )
      }
    } else if (stats.isFile()) add(path, display, basename(path), stats, true)
    else {
      collection.problems.push(
        problem(display, path, 'FILE_NOT_READABLE', `${display} is not a regular file.`),
      )
    }
  }
  return collection
}
