import type { FileFailure } from './api-types'

/** errCodes of `FileSystemManager` failures (miniprogram-api-typings' FileError table). */
export const FILE_ERR = {
  notPermitted: 1300001,
  noSuchFile: 1300002,
  badDescriptor: 1300009,
  permissionDenied: 1300013,
  isDirectory: 1300021,
  invalidArgument: 1300022,
  storageLimit: 1300202,
  lengthOutOfRange: 1301006,
  offsetOutOfRange: 1301007,
  positionOutOfRange: 1301009,
  tooManyFds: 1302002,
  noArrayBuffer: 1302005,
} as const

/** A failure object in WeChat's format: `<api>:fail <text>` with its errCode. */
export function fileFailure(api: string, errCode: number, text: string): FileFailure {
  return { errMsg: `${api}:fail ${text}`, errCode }
}

/** Turns a Node fs error into WeChat's failure for the same situation. */
export function fromNodeError(
  api: string,
  error: unknown,
  path: string,
  verb: string,
): FileFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fileFailure(api, FILE_ERR.noSuchFile, `no such file or directory, ${verb} ${path}`)
    case 'EISDIR':
      return fileFailure(api, FILE_ERR.isDirectory, `Is a directory, ${verb} ${path}`)
    case 'EACCES':
    case 'EPERM':
      return fileFailure(api, FILE_ERR.permissionDenied, `permission denied, ${verb} ${path}`)
    case 'EBADF':
      return fileFailure(api, FILE_ERR.badDescriptor, 'bad file descriptor')
    default:
      return fileFailure(api, 1300201, `system error: ${(error as Error)?.message ?? error}`)
  }
}
