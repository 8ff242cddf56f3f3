import { fileError } from './file-errors'
import type { WxFileSystemManager, WxStats } from './wx-api'

/** `FileSystemManager` calls as promises, failing with `UploadError`s. */

export function statFile(fs: WxFileSystemManager, path: string): Promise<WxStats> {
  return new Promise((resolve, reject) => {
    fs.stat({
      path,
      success: (result) => resolve(result.stats as WxStats),
      fail: (failure) => reject(fileError('stat', path, failure)),
    })
  })
}

/** Reads `[position, position + length)` with `readFile` (base library 2.10.0). */
export function readRange(
  fs: WxFileSystemManager,
  path: string,
  position: number,
  length: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    fs.readFile!({
      filePath: path,
      position,
      length,
      success: (result) => resolve(result.data),
      fail: (failure) => reject(fileError('readFile', path, failure)),
    })
  })
}

export function openFile(fs: WxFileSystemManager, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    fs.open!({
      filePath: path,
      flag: 'r',
      success: (result) => resolve(result.fd),
      fail: (failure) => reject(fileError('open', path, failure)),
    })
  })
}

/** Reads into `target` from `position`; resolves with the bytes read. */
export function readInto(
  fs: WxFileSystemManager,
  path: string,
  fd: string,
  target: ArrayBuffer,
  offset: number,
  length: number,
  position: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.read!({
      fd,
      arrayBuffer: target,
      offset,
      length,
      position,
      success: (result) => resolve(result.bytesRead),
      fail: (failure) => reject(fileError('read', path, failure)),
    })
  })
}

export function closeFile(fs: WxFileSystemManager, fd: string): Promise<void> {
  return new Promise((resolve) => {
    if (!fs.close) return resolve()
    fs.close({ fd, success: () => resolve(), fail: () => resolve() })
  })
}
