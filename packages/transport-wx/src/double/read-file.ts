import { closeSync, openSync, readSync } from 'node:fs'
import { type FileContext, type FileOutcome, failed, locate, ok } from './file-context'
import { FILE_ERR, fileFailure, fromNodeError } from './file-errors'

type Encoding = NonNullable<WechatMiniprogram.ReadFileOption['encoding']>

function nodeEncoding(encoding: Encoding): BufferEncoding {
  if (encoding === 'utf-8') return 'utf8'
  if (encoding === 'ucs-2' || encoding === 'utf-16le') return 'utf16le'
  return encoding
}

const outOfRange = (name: string, errCode: number) =>
  failed<never>(fileFailure('readFile', errCode, `the value of "${name}" is out of range`))

/**
 * `readFile` as WeChat does it, strictly: `position` in `[0, size - 1]`, `length` in `[1, size]` and within the
 * file, the 100 MB cap on whole-file reads, an ArrayBuffer of exactly the range (a string with `encoding`).
 */
export function readFileOutcome(
  context: FileContext,
  filePath: string,
  encoding: Encoding | undefined,
  position: number | undefined,
  length: number | undefined,
): FileOutcome<string | ArrayBuffer> {
  context.log.push({ api: 'readFile', path: filePath, position, length })
  const found = locate(context, 'readFile', filePath, 'open')
  if (!found.ok) return found
  const { real, stats } = found.value
  if (stats.isDirectory()) {
    return failed(
      fileFailure('readFile', 1301003, `illegal operation on a directory, open ${filePath}`),
    )
  }
  const size = stats.size
  if (
    position !== undefined &&
    !(Number.isInteger(position) && position >= 0 && position <= size - 1)
  ) {
    return outOfRange('position', FILE_ERR.positionOutOfRange)
  }
  const start = position ?? 0
  if (
    length !== undefined &&
    !(Number.isInteger(length) && length >= 1 && length <= size && start + length <= size)
  ) {
    return outOfRange('length', FILE_ERR.lengthOutOfRange)
  }
  const ranged = position !== undefined || length !== undefined
  const limit = ranged ? context.limits.rangedReadFileLimit : context.limits.wholeFileReadLimit
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
