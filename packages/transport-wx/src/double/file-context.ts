import { type Stats as NodeStats, statSync } from 'node:fs'
import type { FileFailure } from './api-types'
import { type Outcome, WxSyncError } from './callbacks'
import { FILE_ERR, fileFailure, fromNodeError } from './file-errors'
import type { TempFiles } from './temp-files'

/** Limits of the file system double. */
export interface FileSystemLimits {
  /** Largest file a whole-file `readFile` returns (WeChat: 100 MB). */
  wholeFileReadLimit: number
  /** When set, a ranged `readFile` of a file larger than this fails with 1300202 (to exercise `read(fd)`). */
  rangedReadFileLimit?: number
  /** Most descriptors open at once (1302002 beyond). */
  maxOpenFiles: number
}

/** Default limits: WeChat's 100 MB whole-file cap, no ranged cap, 64 descriptors. */
export const DEFAULT_FILE_LIMITS: FileSystemLimits = {
  wholeFileReadLimit: 100 * 1024 * 1024,
  maxOpenFiles: 64,
}

/** One file operation, as the double's log keeps it. */
export interface FileOperation {
  api: string
  path?: string
  fd?: string
  position?: number
  length?: number
}

/** What the file system calls share. */
export interface FileContext {
  files: TempFiles
  limits: FileSystemLimits
  log: FileOperation[]
}

export type FileOutcome<S> = Outcome<S, FileFailure>

export const ok = <S>(value: S): FileOutcome<S> => ({ ok: true, value })
export const failed = <S>(error: FileFailure): FileOutcome<S> => ({ ok: false, error })

/** The outcome of a `*Sync` call: the value, or a thrown error with the sync API's errMsg. */
export function unwrap<S>(outcome: FileOutcome<S>, syncApi: string): S {
  if (outcome.ok) return outcome.value
  const text = outcome.error.errMsg.replace(/^[^:]*:/, `${syncApi}:`)
  throw new WxSyncError(text, outcome.error.errCode)
}

/** WeChat's `Stats`: times in seconds. */
export function toStats(stats: NodeStats): WechatMiniprogram.Stats {
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

/** Finds the real file behind a WeChat path, or the failure WeChat reports for it. */
export function locate(
  context: FileContext,
  api: string,
  path: string,
  verb: string,
): FileOutcome<{ real: string; stats: NodeStats }> {
  const real = context.files.resolve(path)
  if (!real) {
    return failed(
      fileFailure(api, FILE_ERR.noSuchFile, `no such file or directory, ${verb} ${path}`),
    )
  }
  try {
    return ok({ real, stats: statSync(real) })
  } catch (error) {
    return failed(fromNodeError(api, error, path, verb))
  }
}
