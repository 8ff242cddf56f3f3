import { UploadError } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { StsTokenSource } from './sts-token-source'

function counting(expiresInMs?: number) {
  let calls = 0
  const get = async () => {
    calls++
    await new Promise((resolve) => setTimeout(resolve, 5))
    return {
      accessKeyId: `STS.${calls}`,
      accessKeySecret: `secret-${calls}`,
      securityToken: `token-${calls}`,
      ...(expiresInMs !== undefined ? { expiration: Date.now() + expiresInMs } : {}),
    }
  }
  return { get, calls: () => calls }
}

describe('StsTokenSource', () => {
  it('fetches once for any number of files asking at once, then reuses the token', async () => {
    const app = counting(3_600_000)
    const source = new StsTokenSource(app.get, () => 60_000)
    const tokens = await Promise.all([source.usable(), source.usable(), source.usable()])
    expect(new Set(tokens).size).toBe(1)
    expect(await source.usable()).toBe(tokens[0])
    expect(app.calls()).toBe(1)
  })

  it('fetches again when the token expires within the margin', async () => {
    const app = counting(30_000)
    const source = new StsTokenSource(app.get, () => 60_000)
    const first = await source.usable()
    const second = await source.usable()
    expect(second).not.toBe(first)
    expect(app.calls()).toBe(2)
  })

  it('renews a refused token once, however many callers saw it refused', async () => {
    const app = counting()
    const source = new StsTokenSource(app.get, () => 60_000)
    const stale = await source.usable()
    const renewed = await Promise.all([source.renew(stale), source.renew(stale)])
    expect(renewed[0]).toBe(renewed[1])
    expect(await source.renew(stale)).toBe(renewed[0])
    expect(renewed[0].securityToken).toBe('token-2')
    expect(app.calls()).toBe(2)
  })

  it('reports a failing getSTSToken as AUTH_MISSING, and a malformed token as AUTH_INVALID', async () => {
    const failing = new StsTokenSource(
      async () => {
        throw new Error('server down')
      },
      () => 0,
    )
    await expect(failing.usable()).rejects.toMatchObject({
      code: 'AUTH_MISSING',
      message: 'getSTSToken() failed: server down',
    })
    const typed = new StsTokenSource(
      async () => {
        throw new UploadError('NETWORK', 'offline')
      },
      () => 0,
    )
    await expect(typed.usable()).rejects.toMatchObject({ code: 'NETWORK' })
    const malformed = new StsTokenSource(
      async () => ({ accessKeyId: 'a' }) as never,
      () => 0,
    )
    await expect(malformed.usable()).rejects.toMatchObject({
      code: 'AUTH_INVALID',
      field: 'STSToken.accessKeySecret',
    })
  })
})
