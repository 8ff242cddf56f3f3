import { homedir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { resolveUploadOptions } from './upload-options'

const cwd = '/work/videos'

describe('resolveUploadOptions', () => {
  it('uses the built-in emulator when no keys are given, with data and checkpoints in the current directory', () => {
    const settings = resolveUploadOptions(['a.mp4', '/tmp/b.mp4'], {}, {}, cwd)
    expect(settings).toEqual({
      files: ['/work/videos/a.mp4', '/tmp/b.mp4'],
      json: false,
      destination: { kind: 'embedded', port: 17070, dataDir: '/work/videos/.vodup/emulator' },
      checkpointDir: '/work/videos/.vodup/checkpoints',
    })
  })

  it('calls VOD in the region with keys from the options', () => {
    const settings = resolveUploadOptions(
      ['a.mp4'],
      {
        accessKeyId: 'id',
        accessKeySecret: 'secret',
        region: 'cn-beijing',
        concurrency: '6',
        partSize: '4MiB',
      },
      {},
      cwd,
    )
    expect(settings.destination).toEqual({
      kind: 'vod',
      credentials: { accessKeyId: 'id', accessKeySecret: 'secret' },
      region: 'cn-beijing',
      endpoint: 'https://vod.cn-beijing.aliyuncs.com',
    })
    expect(settings).toMatchObject({ concurrency: 6, partSize: 4 * 1024 * 1024 })
    expect(settings.checkpointDir).toBe(`${homedir()}/.vodup/checkpoints`)
  })

  it('takes keys and a security token from the environment, and any VOD-compatible endpoint', () => {
    const settings = resolveUploadOptions(
      ['a.mp4'],
      { vodEndpoint: 'http://127.0.0.1:17070' },
      {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'token',
      },
      cwd,
    )
    expect(settings.destination).toMatchObject({
      kind: 'vod',
      credentials: { accessKeyId: 'STS.id', accessKeySecret: 'secret', securityToken: 'token' },
      endpoint: 'http://127.0.0.1:17070',
    })
  })

  it.each([
    [[], {}, 'at least one file'],
    [['a.mp4'], { region: 'cn-shanghai' }, 'needs --access-key-id'],
    [['a.mp4'], { accessKeySecret: 's', region: 'cn-shanghai' }, 'without --access-key-id'],
    [['a.mp4'], { accessKeyId: 'id', accessKeySecret: 's', vodEndpoint: 'ftp://x' }, 'http(s) URL'],
    [['a.mp4'], { cateId: 'films' }, '--cate-id'],
    [['a.mp4'], { title: ' ' }, '--title'],
    [['a.mp4'], { emulatorPort: 'x' }, '--emulator-port'],
  ] as const)('refuses %j %j', (files, raw, message) => {
    expect(() => resolveUploadOptions([...files], raw, {}, cwd)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(message),
      }),
    )
  })
})
