import { mkdtemp, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveUploadOptions } from './upload-options'

const cwd = '/work/videos'
const context = (env: NodeJS.ProcessEnv = {}, home = '/nonexistent-home') => ({ env, cwd, home })

describe('resolveUploadOptions', () => {
  it('uses a throwaway emulator on any free port when no keys are given, keeping no checkpoints', async () => {
    const settings = await resolveUploadOptions(['a.mp4', '/tmp/b.mp4'], {}, context())
    expect(settings).toEqual({
      paths: ['/work/videos/a.mp4', '/tmp/b.mp4'],
      recursive: false,
      include: [],
      exclude: [],
      jobs: 3,
      vod: {},
      dryRun: false,
      force: false,
      json: false,
      verbosity: 'normal',
      destination: { kind: 'emulator', port: 0 },
    })
  })

  it('keeps the emulator data, its port and the checkpoints together with --emulator-data', async () => {
    const settings = await resolveUploadOptions(['a.mp4'], { emulatorData: 'state' }, context())
    expect(settings.destination).toEqual({
      kind: 'emulator',
      port: 17070,
      dataDir: '/work/videos/state',
    })
    expect(settings.checkpointDir).toBe('/work/videos/state/checkpoints')
  })

  it('calls VOD in the region with keys from the options', async () => {
    const settings = await resolveUploadOptions(
      ['a.mp4'],
      {
        accessKeyId: 'id',
        accessKeySecret: 'secret',
        region: 'cn-beijing',
        concurrency: '6',
        partSize: '4MiB',
        jobs: '2',
        limitRate: '1MiB/s',
      },
      context(),
    )
    expect(settings.destination).toEqual({
      kind: 'vod',
      credentials: { accessKeyId: 'id', accessKeySecret: 'secret' },
      region: 'cn-beijing',
      endpoint: 'https://vod.cn-beijing.aliyuncs.com',
      credentialSource: 'the --access-key-id option',
    })
    expect(settings).toMatchObject({
      concurrency: 6,
      partSize: 4 * 1024 * 1024,
      jobs: 2,
      limitRate: 1024 * 1024,
    })
    expect(settings.checkpointDir).toBe(`${homedir()}/.vodup/checkpoints`)
  })

  it('takes plain http:// to a host that is not loopback only with --allow-plain-http, and hands that on', async () => {
    const settings = await resolveUploadOptions(
      ['a.mp4'],
      {
        accessKeyId: 'id',
        accessKeySecret: 's',
        vodEndpoint: 'http://10.0.0.5:8080',
        allowPlainHttp: true,
      },
      context(),
    )
    expect(settings.destination).toMatchObject({
      kind: 'vod',
      endpoint: 'http://10.0.0.5:8080',
      allowPlainHttp: true,
    })
  })

  it('takes keys and a security token from the environment, and any VOD-compatible endpoint', async () => {
    const settings = await resolveUploadOptions(
      ['a.mp4'],
      { vodEndpoint: 'http://127.0.0.1:17070' },
      context({
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'token',
      }),
    )
    expect(settings.destination).toMatchObject({
      kind: 'vod',
      credentials: { accessKeyId: 'STS.id', accessKeySecret: 'secret', securityToken: 'token' },
      endpoint: 'http://127.0.0.1:17070',
      credentialSource: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    })
  })

  it('reads keys and the region from an Alibaba Cloud CLI profile, before the environment', async () => {
    const home = await mkdtemp(join(tmpdir(), 'vodup-home-'))
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(home, '.aliyun'))
    await writeFile(
      join(home, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'default',
        profiles: [
          { name: 'default', mode: 'AK', access_key_id: 'ak', access_key_secret: 'sk' },
          {
            name: 'temp',
            mode: 'StsToken',
            access_key_id: 'STS.x',
            access_key_secret: 'sts-secret',
            sts_token: 'tok',
            region_id: 'cn-hangzhou',
          },
        ],
      }),
    )
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'env', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env' }
    const settings = await resolveUploadOptions(['a.mp4'], { profile: 'temp' }, context(env, home))
    expect(settings.destination).toEqual({
      kind: 'vod',
      credentials: { accessKeyId: 'STS.x', accessKeySecret: 'sts-secret', securityToken: 'tok' },
      region: 'cn-hangzhou',
      endpoint: 'https://vod.cn-hangzhou.aliyuncs.com',
      credentialSource: 'profile "temp"',
    })
    const fromEnvName = await resolveUploadOptions(
      ['a.mp4'],
      { region: 'cn-shanghai' },
      context({ ALIBABA_CLOUD_PROFILE: 'default' }, home),
    )
    expect(fromEnvName.destination).toMatchObject({
      credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
      region: 'cn-shanghai',
    })
  })

  it('turns the VOD field options into VOD parameters', async () => {
    const settings = await resolveUploadOptions(
      ['a.mp4'],
      {
        title: 'Holiday',
        cateId: '1000',
        tags: 'sea, sun',
        description: 'Two weeks',
        templateGroupId: 'a1b2c3',
        workflowId: 'wf_1',
        storageLocation: 'outin-abc.oss-cn-shanghai.aliyuncs.com',
        userData: '{"Extend":{"id":"42"}}',
      },
      context(),
    )
    expect(settings.vod).toEqual({
      Title: 'Holiday',
      CateId: '1000',
      Tags: 'sea,sun',
      Description: 'Two weeks',
      TemplateGroupId: 'a1b2c3',
      WorkflowId: 'wf_1',
      StorageLocation: 'outin-abc.oss-cn-shanghai.aliyuncs.com',
      UserData: '{"Extend":{"id":"42"}}',
    })
  })

  it.each([
    [[], {}, 'at least one file'],
    [['a.mp4'], { region: 'cn-shanghai' }, 'needs keys'],
    [['a.mp4'], { accessKeySecret: 's', region: 'cn-shanghai' }, 'without --access-key-id'],
    [['a.mp4'], { accessKeyId: 'id', accessKeySecret: 's', vodEndpoint: 'ftp://x' }, 'http(s) URL'],
    [
      ['a.mp4'],
      { accessKeyId: 'id', accessKeySecret: 's', vodEndpoint: 'http://10.0.0.5:8080' },
      '--vod-endpoint 10.0.0.5:8080 is plain http:// to a host that is not loopback',
    ],
    [['a.mp4'], { accessKeyId: 'id', accessKeySecret: 's', profile: 'p' }, 'not both'],
    [['a.mp4'], { profile: 'work' }, 'Profile "work" not found'],
    [['a.mp4'], { cateId: 'films' }, '--cate-id'],
    [['a.mp4'], { title: ' ' }, '--title'],
    [['a.mp4'], { title: 'x'.repeat(129) }, '--title takes at most 128'],
    [['a.mp4'], { tags: 'a,,b' }, '--tags'],
    [['a.mp4'], { tags: Array.from({ length: 17 }, (_, i) => `t${i}`).join(',') }, 'at most 16'],
    [['a.mp4'], { description: 'x'.repeat(1025) }, '--description'],
    [['a.mp4'], { workflowId: 'a b' }, '--workflow-id'],
    [['a.mp4'], { storageLocation: 'http://x' }, '--storage-location'],
    [['a.mp4'], { userData: '{"a":' }, '--user-data must be a JSON object'],
    [['a.mp4'], { userData: '[1]' }, '--user-data must be a JSON object'],
    [['a.mp4'], { partSize: '10KB' }, '--part-size must be between 100 KiB and 5 GiB'],
    [['a.mp4'], { partSize: '6GiB' }, '--part-size must be between'],
    [['a.mp4'], { jobs: '0' }, '--jobs'],
    [['a.mp4'], { limitRate: 'fast' }, '--limit-rate'],
    [['a.mp4'], { emulatorPort: 'x' }, '--emulator-port'],
    [['a.mp4'], { checkpointDir: 'cp' }, '--checkpoint-dir has no use with the keyless emulator'],
    [['a.mp4'], { quiet: true, verbose: true }, '--quiet or --verbose'],
    [
      ['a.mp4'],
      { accessKeyId: 'id', accessKeySecret: 's', region: 'cn-shanghai', emulatorData: 'd' },
      '--emulator-data is for the built-in emulator',
    ],
  ] as const)('refuses %j %j', async (paths, raw, message) => {
    await expect(resolveUploadOptions([...paths], raw, context())).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(message),
    })
  })
})
