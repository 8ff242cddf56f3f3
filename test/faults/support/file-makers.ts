import {
  appendFileSync,
  mkdirSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { WxDouble } from '@vodup/transport-wx/double'
import fc from 'fast-check'

/**
 * How a file changes while it uploads: more bytes, fewer bytes, or other bytes of the same size written in another
 * second (`rewrite`), or within the same second as before (`rewrite-same-second`: the modification time a WeChat
 * `stat` reports, in whole seconds, does not move).
 */
export type Change = 'append' | 'truncate' | 'rewrite' | 'rewrite-same-second'

/** Makes file inputs of one platform: good ones, and the kinds of bad ones it can have. */
export interface FileMaker {
  good(bytes: Uint8Array): unknown
  missing(): unknown
  empty(): unknown
  directory?(): unknown
  /** A file, and a function that changes it on disk (synchronously). */
  changing(bytes: Uint8Array): { input: unknown; change(how: Change): void }
}

function change(path: string, size: number, how: Change): void {
  if (how === 'append') appendFileSync(path, 'more bytes')
  else if (how === 'truncate') truncateSync(path, Math.floor(size / 2))
  else {
    const before = statSync(path)
    writeFileSync(path, Buffer.alloc(size, 7))
    const second = Math.floor(before.mtimeMs / 1000) * 1000
    const mtime = how === 'rewrite' ? second - 2000 : second + 500
    utimesSync(path, before.atime, new Date(mtime))
  }
}

/** Node: paths in `dir`. */
export function nodeFiles(dir: string): FileMaker {
  let n = 0
  const file = (bytes: Uint8Array, name = `file-${n++}.mp4`) => {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    return path
  }
  return {
    good: (bytes) => ({ path: file(bytes) }),
    missing: () => ({ path: join(dir, `missing-${n++}.mp4`) }),
    empty: () => ({ path: file(new Uint8Array(0)) }),
    directory: () => {
      const path = join(dir, `folder-${n++}.mp4`)
      mkdirSync(path)
      return { path }
    },
    changing: (bytes) => {
      const path = file(bytes)
      return { input: { path }, change: (how) => change(path, bytes.length, how) }
    },
  }
}

/** WeChat: temp files of the wx double, as chooseMedia returns them. */
export function wxFiles(double: WxDouble): FileMaker {
  const pick = (bytes: Uint8Array) => ({
    tempFilePath: double.files.create(bytes, { name: 'video.mp4' }),
    size: bytes.length,
  })
  return {
    good: pick,
    missing: () => {
      const picked = pick(new Uint8Array(2048))
      double.files.remove(picked.tempFilePath)
      return picked
    },
    empty: () => pick(new Uint8Array(0)),
    changing: (bytes) => {
      const picked = pick(bytes)
      const real = double.files.realPath(picked.tempFilePath) as string
      return { input: picked, change: (how) => change(real, bytes.length, how) }
    },
  }
}

const notText = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', '   '),
  fc.array(fc.string(), { maxLength: 1 }),
  fc.constant({}),
)

/** Inputs that are no file at all on any platform: not a path, or an object without a usable path. */
export const malformedInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, 0, 42, true, '', '   ', [], {}),
  fc.record({ path: notText }),
  fc.record({ url: notText }),
  fc.record({ tempFilePath: notText }),
  fc.dictionary(fc.constantFrom('name', 'size', 'file', 'filePath', 'coverUrl'), fc.string(), {
    minKeys: 1,
  }),
)
