import { describe, expect, it } from 'vitest'
import { uploadErrorThrownBy } from '#test-support'
import { uploadAddressFor, uploadAuthFor } from '../test/fixtures'
import { decodeAnswer, toAuthorization } from './upload-auth-answer'

describe('decodeAnswer and toAuthorization', () => {
  it('turns an answer into an authorization with the region of the UploadAuth', () => {
    const answer = { uploadAuth: uploadAuthFor(), uploadAddress: uploadAddressFor(), videoId: 'v1' }
    const authorization = toAuthorization(decodeAnswer(answer))
    expect(authorization.destination).toEqual({
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      bucket: 'outin-test',
      objectKey: 'sv/abc/abc.mp4',
      region: 'cn-shanghai',
    })
    expect(authorization.extensions?.videoId).toBe('v1')
    expect(authorization.credentials.securityToken).toBe('CAIStoken-1securitytoken')
  })

  it('accepts a VOD response passed through unchanged', () => {
    const response = {
      RequestId: 'r',
      UploadAuth: uploadAuthFor(),
      UploadAddress: uploadAddressFor('image/default/X.png'),
      ImageId: 'img-1',
      ImageURL: 'https://example.com/image/default/X.png',
    }
    const authorization = toAuthorization(decodeAnswer(response))
    expect(authorization.extensions?.imageId).toBe('img-1')
    expect(authorization.extensions?.imageUrl).toBe('https://example.com/image/default/X.png')
    expect(authorization.destination.objectKey).toBe('image/default/X.png')
  })

  it('keeps the current destination and video id for a refresh without an address', () => {
    const current = {
      destination: { endpoint: 'http://127.0.0.1:1', bucket: 'b-1', objectKey: 'k' },
      videoId: 'v9',
    }
    const authorization = toAuthorization(
      decodeAnswer({ uploadAuth: uploadAuthFor('t2') }),
      current,
    )
    expect(authorization.destination).toEqual(current.destination)
    expect(authorization.extensions?.videoId).toBe('v9')
  })

  it('names the missing piece', () => {
    expect(
      uploadErrorThrownBy(() => toAuthorization(decodeAnswer({ uploadAuth: uploadAuthFor() })))
        .field,
    ).toBe('UploadAddress')
    expect(uploadErrorThrownBy(() => decodeAnswer(undefined)).field).toBe('UploadAuth')
    expect(
      uploadErrorThrownBy(() => decodeAnswer({ uploadAddress: uploadAddressFor() })).field,
    ).toBe('UploadAuth')
    expect(
      uploadErrorThrownBy(() =>
        decodeAnswer({
          uploadAuth: uploadAuthFor(),
          uploadAddress: uploadAddressFor(),
          videoId: 5,
        }),
      ).field,
    ).toBe('videoId')
  })
})
