import { createHash } from 'node:crypto'
import {
  closeSync,
  type Stats as NodeStats,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs'
import { join } from 'node:path'
import { isArrayBuffer } from 'node:util/types'
import type { FileFailure, WxFileSystemDouble } from './api-types'
import { type CallbackOption, deliver, type Outcome, WxSyncError } from './callbacks'
import { FILE_ERR, fileFailure, fromNodeError } from './file-errors'
import type { TempFiles } from './temp-files'

type Stats = WechatMiniprogram.Stats
type Encoding = NonNullable<WechatMiniprogram.ReadFileOption['encoding']>

/** Limits of the file system double. */
export interface FileSystemLimits {
  /** Largest file a whole-file `readFile` returns (WeChat: 100 MB). */
  wholeFileReadLimit: number
  /** When set, a ranged `readFile` of a file larger than this fails with 1300202 (to exercise `read(fd)`). */
  rangedReadFileLimit?: number
  /** Most descriptors open at once (1302002 beyond). */
  maxOpenFiles: number
}

/** One file operation, as the double's log keeps it. */
export interface FileOperation {
  api: string
  path?: string
  fd?: string
  position?: number
  length?: number
}

const MB = 1024 * 1024

function toStats(stats: NodeStats): Stats {
  const directory = stats.isDirectory()
  return {
    size: directory ? 0 : stats.size,
    mode: stats.mode,
    lastModifiedTime: Math.floor(stats.mtimeMs / 1000),
    lastAccessedTime: Math.floor(stats.atimeMs / 1000),
    isFile: () => !directory,
    isDirectory: () => directory,
  }
}

function nodeEncoding(encoding: Encoding): BufferEncoding {
  if (encoding === 'utf-8') return 'utf8'
  if (encoding === 'ucs-2' || encoding === 'utf-16le') return 'utf16le'
  return encoding
}

const ok = <S>(value: S): Outcome<S, FileFailure> => ({ ok: true, value })
const failed = <S>(error: FileFailure): Outcome<S, FileFailure> => ({ ok: false, error })

function unwrap<S>(outcome: Outcome<S, FileFailure>, syncApi: string): S {
  if (outcome.ok) return outcome.value
  const text = outcome.error.errMsg.replace(/^[^:]*:/, `${syncApi}:`)
  throw new WxSyncError(text, outcome.error.errCode)
}

/** A `FileSystemManager` on real files, strict about ranges, descriptors and WeChat's error formats. */
export function createFileSystem(
  files: TempFiles,
  limits: FileSystemLimits,
  log: FileOperation[],
): WxFileSystemDouble {
  const descriptors = new Map<string, { fd: number; path: string }>()
  let nextFd = 1

  const locate = (api: string, path: string, verb: string) => {
    const real = files.resolve(path)
    if (!real) {
      return failed<{ real: string; stats: NodeStats }>(
        fileFailure(api, FILE_ERR.noSuchFile, `no such file or directory, ${verb} ${path}`),
      )
    }
    try {
      return ok({ real, stats: statSync(real) })
    } catch (error) {
      return failed<{ real: string; stats: NodeStats }>(fromNodeError(api, error, path, verb))
    }
  }

  const readFileOutcome = (
    filePath: string,
    encoding: Encoding | undefined,
    position: number | undefined,
    length: number | undefined,
  ): Outcome<string | ArrayBuffer, FileFailure> => {
    log.push({ api: 'readFile', path: filePath, position, length })
    const found = locate('readFile', filePath, 'open')
    if (!found.ok) return found
    const { real, stats } = found.value
    if (stats.isDirectory()) {
      return failed(
        fileFailure('readFile', 1301003, `illegal operation on a directory, open ${filePath}`),
      )
    }
    const size = stats.size
    const ranged = position !== undefined || length !== undefined
    if (
      position !== undefined &&
      !(Number.isInteger(position) && position >= 0 && position <= size - 1)
    ) {
      return failed(
        fileFailure(
          'readFile',
          FILE_ERR.positionOutOfRange,
          'the value of "position" is out of range',
        ),
      )
    }
    const start = position ?? 0
    if (
      length !== undefined &&
      !(Number.isInteger(length) && length >= 1 && length <= size && start + length <= size)
    ) {
      return failed(
        fileFailure('readFile', FILE_ERR.lengthOutOfRange, 'the value of "length" is out of range'),
      )
    }
    const limit = ranged ? limits.rangedReadFileLimit : limits.wholeFileReadLimit
    if (limit !== undefined && size > limit) {
      return failed(
        fileFailure(
          'readFile',
          FILE_ERR.storageLimit,
          'the maximum size of the file storage limit is exceeded',
        ),
      )
    }
    const count = length ?? size - start
    const data = new ArrayBuffer(count)
    try {
      const fd = openSync(real, 'r')
      try {
        readSync(fd, new Uint8Array(data), 0, count, start)
      } finally {
        closeSync(fd)
      }
    } catch (error) {
      return failed(fromNodeError('readFile', error, filePath, 'open'))
    }
    return ok(encoding ? Buffer.from(data).toString(nodeEncoding(encoding)) : data)
  }

  const openOutcome = (
    filePath: string,
    flag: string | undefined,
  ): Outcome<string, FileFailure> => {
    log.push({ api: 'open', path: filePath })
    const real = files.resolve(filePath)
    if (!real) {
      return failed(
        fileFailure('open', FILE_ERR.noSuchFile, `no such file or directory, open ${filePath}`),
      )
    }
    if (descriptors.size >= limits.maxOpenFiles) {
      return failed(fileFailure('open', FILE_ERR.tooManyFds, 'excced max concurrent fd limit'))
    }
    try {
      const fd = openSync(real, flag ?? 'r')
      const id = `fd-${nextFd++}`
      descriptors.set(id, { fd, path: filePath })
      return ok(id)
    } catch (error) {
      return failed(fromNodeError('open', error, filePath, 'open'))
    }
  }

  const descriptor = (api: string, fd: string) => {
    const entry = descriptors.get(fd)
    return entry
      ? ok(entry)
      : failed<{ fd: number; path: string }>(
          fileFailure(api, FILE_ERR.badDescriptor, 'bad file descriptor'),
        )
  }

  const readOutcome = (
    option: WechatMiniprogram.ReadSyncOption,
  ): Outcome<WechatMiniprogram.ReadResult, FileFailure> => {
    const { fd, arrayBuffer, offset = 0, length = 0, position } = option
    log.push({ api: 'read', fd, position, length })
    const entry = descriptor('read', fd)
    if (!entry.ok) return entry
    if (!isArrayBuffer(arrayBuffer)) {
      return failed(fileFailure('read', FILE_ERR.noArrayBuffer, 'array buffer does not exist'))
    }
    if (!(Number.isInteger(offset) && offset >= 0 && offset <= arrayBuffer.byteLength)) {
      return failed(
        fileFailure('read', FILE_ERR.offsetOutOfRange, 'the value of "offset" is out of range'),
      )
    }
    if (!(Number.isInteger(length) && length >= 0 && offset + length <= arrayBuffer.byteLength)) {
      return failed(
        fileFailure('read', FILE_ERR.lengthOutOfRange, 'the value of "length" is out of range'),
      )
    }
    try {
      const view = new Uint8Array(arrayBuffer, offset, length)
      const bytesRead =
        length === 0 ? 0 : readSync(entry.value.fd, view, 0, length, position ?? null)
      return ok({ bytesRead, arrayBuffer })
    } catch (error) {
      return failed(fromNodeError('read', error, entry.value.path, 'read'))
    }
  }

  const closeOutcome = (fd: string): Outcome<undefined, FileFailure> => {
    const entry = descriptor('close', fd)
    if (!entry.ok) return entry
    descriptors.delete(fd)
    closeSync(entry.value.fd)
    return ok(undefined)
  }

  const fstatOutcome = (fd: string): Outcome<Stats, FileFailure> => {
    const entry = descriptor('fstat', fd)
    if (!entry.ok) return entry
    const found = locate('fstat', entry.value.path, 'fstat')
    return found.ok ? ok(toStats(found.value.stats)) : found
  }

  const statOutcome = (
    path: string,
    recursive: boolean | undefined,
  ): Outcome<Stats | WechatMiniprogram.FileStats[], FileFailure> => {
    log.push({ api: 'stat', path })
    const found = locate('stat', path, 'stat')
    if (!found.ok) return found
    const { real, stats } = found.value
    if (!recursive || !stats.isDirectory()) return ok(toStats(stats))
    const entries: WechatMiniprogram.FileStats[] = [{ path: '/', stats: toStats(stats) }]
    const walk = (dir: string, prefix: string) => {
      for (const name of readdirSync(dir)) {
        const child = join(dir, name)
        const childStats = statSync(child)
        entries.push({ path: `${prefix}/${name}`, stats: toStats(childStats) })
        if (childStats.isDirectory()) walk(child, `${prefix}/${name}`)
      }
    }
    walk(real, '')
    return ok(entries)
  }

  const accessOutcome = (path: string): Outcome<undefined, FileFailure> => {
    log.push({ api: 'access', path })
    const found = locate('access', path, 'access')
    return found.ok ? ok(undefined) : found
  }

  const withErrMsg = <T extends object>(api: string, value: T) => ({
    ...value,
    errMsg: `${api}:ok`,
  })

  const manager: WxFileSystemDouble = {
    readFile(option) {
      const outcome = readFileOutcome(
        option.filePath,
        option.encoding,
        option.position,
        option.length,
      )
      deliver(
        option as CallbackOption<WechatMiniprogram.ReadFileSuccessCallbackResult, FileFailure>,
        outcome.ok ? ok({ data: outcome.value, errMsg: 'readFile:ok' }) : outcome,
      )
    },
    readFileSync(filePath, encoding, position, length) {
      return unwrap(readFileOutcome(filePath, encoding, position, length), 'readFileSync')
    },
    open(option) {
      const outcome = openOutcome(option.filePath, option.flag)
      deliver(option, outcome.ok ? ok(withErrMsg('open', { fd: outcome.value })) : outcome)
    },
    openSync(option) {
      return unwrap(openOutcome(option.filePath, option.flag), 'openSync')
    },
    read(option) {
      const outcome = readOutcome(option)
      deliver(option, outcome.ok ? ok(withErrMsg('read', outcome.value)) : outcome)
    },
    readSync(option) {
      return unwrap(readOutcome(option), 'readSync')
    },
    close(option) {
      const outcome = closeOutcome(option.fd)
      deliver(option, outcome.ok ? ok({ errMsg: 'close:ok', errCode: 0 }) : outcome)
    },
    closeSync(option) {
      return unwrap(closeOutcome(option.fd), 'closeSync')
    },
    fstat(option) {
      const outcome = fstatOutcome(option.fd)
      deliver(option, outcome.ok ? ok(withErrMsg('fstat', { stats: outcome.value })) : outcome)
    },
    fstatSync(option) {
      return unwrap(fstatOutcome(option.fd), 'fstatSync')
    },
    stat(option) {
      const outcome = statOutcome(option.path, option.recursive)
      deliver(
        option as CallbackOption<WechatMiniprogram.StatSuccessCallbackResult, FileFailure>,
        outcome.ok ? ok(withErrMsg('stat', { stats: outcome.value })) : outcome,
      )
    },
    statSync(path, recursive) {
      return unwrap(statOutcome(path, recursive), 'statSync')
    },
    access(option) {
      const outcome = accessOutcome(option.path)
      deliver(option, outcome.ok ? ok({ errMsg: 'access:ok', errCode: 0 }) : outcome)
    },
    accessSync(path) {
      unwrap(accessOutcome(path), 'accessSync')
    },
    getFileInfo(option) {
      log.push({ api: 'getFileInfo', path: option.filePath })
      const found = locate('getFileInfo', option.filePath, 'open')
      if (!found.ok) return deliver(option, found)
      const digest = createHash(option.digestAlgorithm ?? 'md5')
        .update(readFileSync(found.value.real))
        .digest('hex')
      deliver(option, ok(withErrMsg('getFileInfo', { size: found.value.stats.size, digest })))
    },
  }
  return manager
}

/** Default limits: WeChat's 100 MB whole-file cap, no ranged cap, 64 descriptors. */
export const DEFAULT_FILE_LIMITS: FileSystemLimits = {
  wholeFileReadLimit: 100 * MB,
  maxOpenFiles: 64,
}
