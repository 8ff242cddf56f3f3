import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { FileFailure, WxFileSystemDouble } from './api-types'
import { type CallbackOption, deliver } from './callbacks'
import { Descriptors } from './descriptors'
import { type FileContext, type FileOutcome, locate, ok, toStats, unwrap } from './file-context'
import { readFileOutcome } from './read-file'

type Stats = WechatMiniprogram.Stats

function statOutcome(
  context: FileContext,
  path: string,
  recursive: boolean | undefined,
): FileOutcome<Stats | WechatMiniprogram.FileStats[]> {
  context.log.push({ api: 'stat', path })
  const found = locate(context, 'stat', path, 'stat')
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

function accessOutcome(context: FileContext, path: string): FileOutcome<undefined> {
  context.log.push({ api: 'access', path })
  const found = locate(context, 'access', path, 'access')
  return found.ok ? ok(undefined) : found
}

const withErrMsg = <T extends object>(api: string, value: T) => ({ ...value, errMsg: `${api}:ok` })

/** A `FileSystemManager` on real files, strict about ranges, descriptors and WeChat's error formats. */
export function createFileSystem(context: FileContext): WxFileSystemDouble {
  const descriptors = new Descriptors(context)
  return {
    readFile(option) {
      const outcome = readFileOutcome(
        context,
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
      return unwrap(readFileOutcome(context, filePath, encoding, position, length), 'readFileSync')
    },
    open(option) {
      const outcome = descriptors.openFile(option.filePath, option.flag)
      deliver(option, outcome.ok ? ok(withErrMsg('open', { fd: outcome.value })) : outcome)
    },
    openSync(option) {
      return unwrap(descriptors.openFile(option.filePath, option.flag), 'openSync')
    },
    read(option) {
      const outcome = descriptors.read(option)
      deliver(option, outcome.ok ? ok(withErrMsg('read', outcome.value)) : outcome)
    },
    readSync(option) {
      return unwrap(descriptors.read(option), 'readSync')
    },
    close(option) {
      const outcome = descriptors.close(option.fd)
      deliver(option, outcome.ok ? ok({ errMsg: 'close:ok', errCode: 0 }) : outcome)
    },
    closeSync(option) {
      return unwrap(descriptors.close(option.fd), 'closeSync')
    },
    fstat(option) {
      const outcome = descriptors.fstat(option.fd)
      deliver(option, outcome.ok ? ok(withErrMsg('fstat', { stats: outcome.value })) : outcome)
    },
    fstatSync(option) {
      return unwrap(descriptors.fstat(option.fd), 'fstatSync')
    },
    stat(option) {
      const outcome = statOutcome(context, option.path, option.recursive)
      deliver(
        option as CallbackOption<WechatMiniprogram.StatSuccessCallbackResult, FileFailure>,
        outcome.ok ? ok(withErrMsg('stat', { stats: outcome.value })) : outcome,
      )
    },
    statSync(path, recursive) {
      return unwrap(statOutcome(context, path, recursive), 'statSync')
    },
    access(option) {
      const outcome = accessOutcome(context, option.path)
      deliver(option, outcome.ok ? ok({ errMsg: 'access:ok', errCode: 0 }) : outcome)
    },
    accessSync(path) {
      unwrap(accessOutcome(context, path), 'accessSync')
    },
    getFileInfo(option) {
      context.log.push({ api: 'getFileInfo', path: option.filePath })
      const found = locate(context, 'getFileInfo', option.filePath, 'open')
      if (!found.ok) return deliver(option, found)
      const digest = createHash(option.digestAlgorithm ?? 'md5')
        .update(readFileSync(found.value.real))
        .digest('hex')
      deliver(option, ok(withErrMsg('getFileInfo', { size: found.value.stats.size, digest })))
    },
  }
}
