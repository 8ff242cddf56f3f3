import { describe, expect, it } from 'vitest'
import { fileError, isTempPath } from './file-errors'

describe('file failure mapping', () => {
  it.each([
    [
      { errMsg: 'readFile:fail no such file or directory, open wxfile://tmp_a', errCode: 1300002 },
      'FILE_NOT_FOUND',
    ],
    [{ errMsg: 'readFile:fail tempFilePath file not exist', errCode: 1301112 }, 'FILE_NOT_FOUND'],
    [{ errMsg: 'stat:fail no such file or directory' }, 'FILE_NOT_FOUND'],
    [
      { errMsg: 'readFile:fail the value of "position" is out of range', errCode: 1301009 },
      'FILE_CHANGED',
    ],
    [
      { errMsg: 'readFile:fail the value of "length" is out of range', errCode: 1301006 },
      'FILE_CHANGED',
    ],
    [
      {
        errMsg: 'readFile:fail the maximum size of the file storage limit is exceeded',
        errCode: 1300202,
      },
      'STORAGE_ERROR',
    ],
    [{ errMsg: 'open:fail excced max concurrent fd limit', errCode: 1302002 }, 'FILE_NOT_READABLE'],
    [{ errMsg: 'readFile:fail permission denied', errCode: 1300013 }, 'FILE_NOT_READABLE'],
  ])('%j → %s', (failure, code) => {
    expect(fileError('readFile', 'wxfile://tmp_a.mp4', failure).code).toBe(code)
  })

  it('tells the user to pick a vanished temp file again, keeping the errMsg and errCode', () => {
    const error = fileError('stat', 'wxfile://tmp_a.mp4', {
      errMsg: 'stat:fail no such file or directory',
      errCode: 1300002,
    })
    expect(error.message).toBe(
      'The temp file wxfile://tmp_a.mp4 is gone (stat: stat:fail no such file or directory (errCode 1300002)): WeChat keeps temp files only while the mini program runs, so after a restart the user must pick the file again.',
    )
  })

  it('knows temp paths on phones and in DevTools', () => {
    expect(isTempPath('wxfile://tmp_3fee.jpg')).toBe(true)
    expect(isTempPath('http://tmp/5iG1.jpeg')).toBe(true)
    expect(isTempPath('wxfile://usr/a.mp4')).toBe(false)
  })
})
