import { closeSync, openSync, readSync } from 'node:fs'
import { isArrayBuffer } from 'node:util/types'
import { type FileContext, type FileOutcome, failed, locate, ok, toStats } from './file-context'
import { FILE_ERR, fileFailure, fromNodeError } from './file-errors'

interface OpenFile {
  fd: number
  path: string
}

/** `open` / `read` / `close` / `fstat`: string fds, a cap on open descriptors, strict `read` arguments. */
export class Descriptors {
  private readonly open = new Map<string, OpenFile>()
  private next = 1

  constructor(private readonly context: FileContext) {}

  openFile(filePath: string, flag: string | undefined): FileOutcome<string> {
    this.context.log.push({ api: 'open', path: filePath })
    const real = this.context.files.resolve(filePath)
    if (!real) {
      return failed(
        fileFailure('open', FILE_ERR.noSuchFile, `no such file or directory, open ${filePath}`),
      )
    }
    if (this.open.size >= this.context.limits.maxOpenFiles) {
      return failed(fileFailure('open', FILE_ERR.tooManyFds, 'excced max concurrent fd limit'))
    }
    try {
      const fd = openSync(real, flag ?? 'r')
      const id = `fd-${this.next++}`
      this.open.set(id, { fd, path: filePath })
      return ok(id)
    } catch (error) {
      return failed(fromNodeError('open', error, filePath, 'open'))
    }
  }

  read(option: WechatMiniprogram.ReadSyncOption): FileOutcome<WechatMiniprogram.ReadResult> {
    const { fd, arrayBuffer, offset = 0, length = 0, position } = option
    this.context.log.push({ api: 'read', fd, position, length })
    const entry = this.find('read', fd)
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

  close(fd: string): FileOutcome<undefined> {
    const entry = this.find('close', fd)
    if (!entry.ok) return entry
    this.open.delete(fd)
    closeSync(entry.value.fd)
    return ok(undefined)
  }

  fstat(fd: string): FileOutcome<WechatMiniprogram.Stats> {
    const entry = this.find('fstat', fd)
    if (!entry.ok) return entry
    const found = locate(this.context, 'fstat', entry.value.path, 'fstat')
    return found.ok ? ok(toStats(found.value.stats)) : found
  }

  private find(api: string, fd: string): FileOutcome<OpenFile> {
    const entry = this.open.get(fd)
    return entry
      ? ok(entry)
      : failed(fileFailure(api, FILE_ERR.badDescriptor, 'bad file descriptor'))
  }
}
