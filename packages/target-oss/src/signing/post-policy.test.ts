import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signPostPolicy } from './post-policy'

describe('signPostPolicy', () => {
  it('base64-encodes the UTF-8 policy and signs it with HMAC-SHA1', () => {
    const policy = {
      expiration: '2030-01-01T00:00:00.000Z',
      conditions: [
        { bucket: 'b' },
        ['eq', '$key', '视频/a b.mp4'],
        ['content-length-range', 0, 10],
      ],
    }
    const signed = signPostPolicy(policy, 'secret-ü')
    const json = Buffer.from(signed.policy, 'base64').toString('utf8')
    expect(JSON.parse(json)).toEqual(policy)
    expect(signed.signature).toBe(
      createHmac('sha1', 'secret-ü').update(signed.policy).digest('base64'),
    )
    expect(signPostPolicy(json, 'secret-ü')).toEqual(signed)
  })
})
