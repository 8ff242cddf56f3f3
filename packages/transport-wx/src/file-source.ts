import { checkReadRange, type FileSource, UploadError } from '@vodup/core'
import { isArrayBuffer } from './bytes'
import { closeFile, openFile, readInto, readRange, statFile } from './fs-calls'
import type { WxFileSystemManager, WxStats } from './wx-api'

/** How parts are read: ranged `readFile` (base library 2.10.0), or `open` + `read` (2.16.1). */
export type ReadMode = 'readFile' | 'fd'

function describeStats(path: string, stats: WxStats): { size: number; modified?: number } {
  if (stats.isDirectory?.()) {
    throw new UploadError('FILE_NOT_READABLE', `${path} is a directory, not a file.`)
  }
  return {
    size: stats.size,
    ...(typeof stats.lastModifiedTime === 'number' ? { modified: stats.lastModifiedTime } : {}),
  }
}

/**
 * Opens a WeChat file for ranged reads. Each read first checks that size and modification time are unchanged
 * (FILE_CHANGED otherwise, FILE_NOT_FOUND if the temp file vanished), then reads just that range: never the
 * whole file. When ranged `readFile` is missing or refuses a large file (errCode 1300202), it falls back to
 * `open` + `read`.
 */
export async function openWxFile(
  fs: WxFileSystemManager,
  path: string,
  name: string,
  preferred: ReadMode = 'readFile',
): Promise<FileSource> {
  const opened = describeStats(path, await statFile(fs, path))
  const canUseFd = typeof fs.open === 'function' && typeof fs.read === 'function'
  let mode: ReadMode = preferred === 'fd' && canUseFd ? 'fd' : fs.readFile ? 'readFile' : 'fd'
  if (mode === 'fd' && !canUseFd) {
    throw new UploadError(
      'FILE_NOT_READABLE',
      `${path} cannot be read in parts: this client has neither ranged readFile (base library 2.10.0) nor open/read.`,
    )
  }
  let descriptor: Promise<string> | undefined

  const checkUnchanged = async () => {
    const now = describeStats(path, await statFile(fs, path))
    if (now.size !== opened.size || now.modified !== opened.modified) {
      throw new UploadError(
        'FILE_CHANGED',
        `${path} changed during the upload (size ${opened.size} → ${now.size}).`,
      )
    }
  }

  const readWithFd = async (start: number, length: number): Promise<Uint8Array> => {
    descriptor ??= openFile(fs, path)
    const fd = await descriptor
    const buffer = new ArrayBuffer(length)
    let filled = 0
    while (filled < length) {
      const count = await readInto(fs, path, fd, buffer, filled, length - filled, start + filled)
      if (count <= 0) break
      filled += count
    }
    return new Uint8Array(buffer, 0, filled)
  }

  const readWithReadFile = async (start: number, length: number): Promise<Uint8Array> => {
    const data = await readRange(fs, path, start, length)
    if (!isArrayBuffer(data)) {
      throw new UploadError(
        'FILE_NOT_READABLE',
        `readFile of ${path} returned text instead of bytes.`,
      )
    }
    return new Uint8Array(data)
  }

  return {
    size: opened.size,
    name,
    ...(opened.modified !== undefined ? { lastModified: opened.modified * 1000 } : {}),
    async read(start, end) {
      checkReadRange(name, opened.size, start, end)
      if (end === start) return new Uint8Array(0)
      await checkUnchanged()
      let bytes: Uint8Array
      if (mode === 'readFile') {
        try {
          bytes = await readWithReadFile(start, end - start)
        } catch (error) {
          const limited = (error as UploadError).code === 'STORAGE_ERROR'
          if (!limited || !canUseFd) throw error
          mode = 'fd'
          bytes = await readWithFd(start, end - start)
        }
      } else {
        bytes = await readWithFd(start, end - start)
      }
      if (bytes.length !== end - start) {
        throw new UploadError(
          'FILE_CHANGED',
          `Read ${bytes.length} bytes of ${path} at ${start} where ${end - start} were expected: the file changed.`,
        )
      }
      return bytes
    },
    async close() {
      const pending = descriptor
      descriptor = undefined
      const fd = pending ? await pending.catch(() => undefined) : undefined
      if (fd !== undefined) await closeFile(fs, fd)
    },
  }
}
