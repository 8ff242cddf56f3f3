import { describe, expect, it } from 'vitest'
import { version } from '../package.json'
import { resolveOssTargetOptions } from './options'

describe('ossTarget options', () => {
  it('defaults to V1, CRC-64 checks and the vodup user agent', () => {
    expect(resolveOssTargetOptions()).toEqual({
      signatureVersion: 'v1',
      verifyCrc64: true,
      userAgent: `vodup/${version}`,
      cname: false,
    })
  })

  it.each([
    [{ signatureVersion: 'v2' }, 'signatureVersion'],
    [{ verifyCrc64: 'yes' }, 'verifyCrc64'],
    [{ cname: 1 }, 'cname'],
    [{ userAgent: '' }, 'userAgent'],
    [{ userAgent: 'agent\n' }, 'userAgent'],
  ])('refuses %j', (options, field) => {
    expect(() => resolveOssTargetOptions(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field }),
    )
  })
})
