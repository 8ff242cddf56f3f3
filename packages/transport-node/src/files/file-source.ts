import type { Stats } from 'node:fs'
import { type FileHandle, open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { checkReadRange, type FileSource, isUploadError, UploadError } from '@vodup/core'
import type { BufferPool } from './buffer-pool'
import { toFileError } from './fs-error'

function sameFile(a: Stats, b: Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.dev === b.dev
}

async function statFile(path: string): Promise<Stats> {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    throw toFileError(error, path)
  }
  if (info.isDirectory()) {
    throw new UploadError('FILE_NOT_READABLE', `${path} is a directory, not a file.`)
  }
  if (!info.isFile()) throw new UploadError('FILE_NOT_READABLE', `${path} is not a regular file.`)
  return info
}

/**
 * Opens a file for ranged reads into pooled buffers (recycled when the kernel releases a chunk). Before and after each read the path is checked again:
 * a different size, modification time or inode (the file was rewritten, truncated or replaced) fails the read
 * with `FILE_CHANGED`, so a changed file never becomes a corrupt object.
 */
export async function openFileSource(path: string, pool: BufferPool): Promise<FileSource> {
  const opened = await statFile(path)
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw toFileError(error, path)
  }
  const name = basename(path)

  const assertUnchanged = async () => {
    let now: Stats | undefined
    try {
      now = await stat(path)
    } catch {
      now = undefined
    }
    if (!now || !sameFile(opened, now)) {
      throw new UploadError(
        'FILE_CHANGED',
        now
          ? `${path} changed during the upload (size or modification time differ); upload it again.`
          : `${path} was removed or renamed during the upload.`,
      )
    }
  }

  const fill = async (target: Uint8Array, position: number) => {
    let filled = 0
    while (filled < target.length) {
      const { bytesRead } = await handle.read(
        target,
        filled,
        target.length - filled,
        position + filled,
      )
      if (bytesRead === 0) {
        throw new UploadError('FILE_CHANGED', `${path} became shorter during the upload.`)
      }
      filled += bytesRead
    }
  }

  return {
    size: opened.size,
    name,
    lastModified: opened.mtimeMs,
    async read(start, end) {
      checkReadRange(name, opened.size, start, end)
      await assertUnchanged()
      const bytes = pool.lend(end - start)
      try {
        await fill(bytes, start)
      } catch (error) {
        pool.giveBack(bytes)
        throw isUploadError(error) ? error : toFileError(error, path)
      }
      try {
        await assertUnchanged()
      } catch (error) {
        pool.giveBack(bytes)
        throw error
      }
      return bytes
    },
    release: (chunk) => pool.giveBack(chunk),
    close: () => handle.close(),
  }
}
