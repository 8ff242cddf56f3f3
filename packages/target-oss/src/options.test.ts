import { describe, expect, it } from 'vitest'
import { version } from '../package.json'
import { resolveOssTargetOptions } from './options'

describe('ossTarget options', () => {
  it('defaults to V1, CRC-64 as the one proof, no Content-MD5 and the vodup user agent', () => {
    expect(resolveOssTargetOptions()).toEqual({
      signatureVersion: 'v1',
      integrity: 'crc64',
      contentMd5: false,
      userAgent: `vodup/${version}`,
      cname: false,
    })
  })

  it.each([
    [{ signatureVersion: 'v2' }, 'signatureVersion'],
    [{ integrity: 'sha1' }, 'integrity'],
    [{ integrity: true }, 'integrity'],
    [{ contentMd5: 'yes' }, 'contentMd5'],
    [{ verifyCrc64: false }, 'verifyCrc64'],
    [{ cname: 1 }, 'cname'],
    [{ userAgent: '' }, 'userAgent'],
    [{ userAgent: 'agent\n' }, 'userAgent'],
  ])('refuses %j', (options, field) => {
    expect(() => resolveOssTargetOptions(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field }),
    )
  })
})
