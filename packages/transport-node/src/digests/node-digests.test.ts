import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { nodeDigests } from './node-digests'

describe('nodeDigests', () => {
  const data = new TextEncoder().encode('vodup part bytes')

  it('md5 gives the 16 raw bytes', () => {
    const md5 = nodeDigests.md5(data)
    expect(md5).toHaveLength(16)
    expect(Buffer.from(md5).toString('hex')).toBe(createHash('md5').update(data).digest('hex'))
  })

  it('hmac signs with SHA-1 and SHA-256', () => {
    const key = new TextEncoder().encode('key')
    expect(Buffer.from(nodeDigests.hmac('sha1', key, data)).toString('base64')).toBe(
      createHmac('sha1', 'key').update(data).digest('base64'),
    )
    expect(nodeDigests.hmac('sha256', key, data)).toHaveLength(32)
  })

  it('reproduces the OSS V1 signature test vector', () => {
    const toSign =
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson'
    const secret = new TextEncoder().encode('OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV')
    const signature = nodeDigests.hmac('sha1', secret, new TextEncoder().encode(toSign))
    expect(Buffer.from(signature).toString('base64')).toBe('26NBxoKdsyly4EDv6inkoDft/yA=')
  })
})
