import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { run } from './run.mjs'
import { workspaceDirs } from './workspaces.mjs'

/** Files of the working tree as git sees them: tracked and untracked, without ignored ones (dist, node_modules). */
function workingTreeFiles(root) {
  const { stdout } = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    capture: true,
  })
  return stdout.split('\0').filter((file) => file && existsSync(join(root, file)))
}

function isInside(parent, child) {
  const path = relative(parent, child)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

/**
 * Mirrors an installed `node_modules` folder into the copy without copying it: each dependency is a symlink to
 * the original, except workspace links (`@vodup/core → ../../packages/core`), which point into the copy.
 */
function mirrorNodeModules(sourceDir, targetDir, sourceRoot) {
  mkdirSync(targetDir, { recursive: true })
  for (const name of readdirSync(sourceDir)) {
    const source = join(sourceDir, name)
    const target = join(targetDir, name)
    const stats = lstatSync(source)
    if (stats.isSymbolicLink()) {
      const link = readlinkSync(source)
      const pointsAt = resolve(dirname(source), link)
      const workspaceLink =
        isInside(sourceRoot, pointsAt) && !pointsAt.split('/').includes('node_modules')
      symlinkSync(workspaceLink ? link : pointsAt, target)
    } else if (name.startsWith('@') && stats.isDirectory()) {
      mirrorNodeModules(source, target, sourceRoot)
    } else {
      symlinkSync(source, target)
    }
  }
}

/**
 * Copies the monorepo at `root` into `destination` (which must not exist): the working tree's files, and
 * `node_modules` mirrored by symlinks. Nothing under `root` is written.
 */
export function copyWorkspace(root, destination) {
  for (const file of workingTreeFiles(root)) {
    const target = join(destination, file)
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(join(root, file), target)
  }
  for (const dir of ['.', ...workspaceDirs(root)]) {
    const modules = join(root, dir, 'node_modules')
    if (existsSync(modules))
      mirrorNodeModules(modules, join(destination, dir, 'node_modules'), root)
  }
}
