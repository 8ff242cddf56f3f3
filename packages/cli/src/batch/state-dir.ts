import { constants } from 'node:fs'
import { access, mkdir, stat } from 'node:fs/promises'
import { UploadError } from '@vodup/core'

/**
 * Makes sure the checkpoint directory can be used (created if missing, private to the user) before anything is
 * sent: a file in its place or a directory the user may not write would otherwise turn resume off silently.
 */
export async function ensureStateDir(dir: string, flag: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    if (!(await stat(dir)).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' })
    await access(dir, constants.W_OK | constants.R_OK | constants.X_OK)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file is in the way'
        : code === 'EACCES' || code === 'EPERM'
          ? 'no permission to write there'
          : (error as Error).message
    throw new UploadError(
      'INVALID_ARGUMENT',
      `${flag} ${dir} cannot hold checkpoints: ${why}. Choose another directory with --checkpoint-dir.`,
      { field: 'checkpointDir', cause: error },
    )
  }
}
