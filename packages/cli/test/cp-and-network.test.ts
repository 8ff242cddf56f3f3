import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { crc64 } from '@vodup/transport-node'
import { describe, expect, it } from 'vitest'
import { loggingProxy, useEmulator } from '#test-support'
import { workDir, writeSample } from './helpers/files'
import { jsonLines, runCli } from './helpers/run-cli'

const PART = 256 * 1024
const emulator = useEmulator()

const keys = () => [
  '--access-key-id',
  emulator.accessKeyId,
  '--access-key-secret',
  emulator.accessKeySecret,
]

describe('vodup cp', () => {
  it('uploads a file to oss://BUCKET/KEY with keys, and a directory tree under a prefix with -r', async () => {
    const cwd = await workDir()
    const movie = await writeSample(join(cwd, 'movie.mp4'), 3 * PART + 1, 1)
    await mkdir(join(cwd, 'site', 'css'), { recursive: true })
    const page = await writeSample(join(cwd, 'site', 'index.html'), 1000, 2)
    const style = await writeSample(join(cwd, 'site', 'css', 'main.css'), 500, 3)
    const bucket = emulator.defaultBucket
    const checkpoints = ['--checkpoint-dir', join(cwd, 'state')]

    const one = await runCli(
      [
        'cp',
        'movie.mp4',
        `oss://${bucket}/films/movie.mp4`,
        '--endpoint',
        emulator.url,
        ...keys(),
        '-p',
        '256KiB',
        '--json',
        ...checkpoints,
      ],
      { cwd },
    )
    expect(one.code).toBe(0)
    const lines = jsonLines(one.stdout)
    expect(lines[0]).toMatchObject({
      type: 'destination',
      destination: 'oss',
      endpoint: emulator.url,
    })
    expect(lines.find((line) => line.type === 'uploaded')).toMatchObject({
      destination: 'oss',
      bucket,
      objectKey: 'films/movie.mp4',
      crc64: crc64(movie),
      partsSent: 4,
    })
    expect(emulator.getObject(bucket, 'films/movie.mp4')?.equals(movie)).toBe(true)
    expect(one.stdout).not.toContain(emulator.accessKeySecret)

    const tree = await runCli(
      [
        'cp',
        '-r',
        'site',
        `oss://${bucket}/www/`,
        '--endpoint',
        emulator.url,
        ...keys(),
        ...checkpoints,
      ],
      { cwd },
    )
    expect(tree.code).toBe(0)
    expect(emulator.getObject(bucket, 'www/index.html')?.equals(page)).toBe(true)
    expect(emulator.getObject(bucket, 'www/css/main.css')?.equals(style)).toBe(true)
    expect(tree.stdout).toMatch(/Summary: 2 uploaded, 0 skipped, 0 failed/)
  })

  it('exits 2 without keys, for a bad destination, and for several files to one key, sending nothing', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'a.mp4'), 1000, 4)
    await writeSample(join(cwd, 'b.mp4'), 1000, 5)
    emulator.clearRequests()
    const cases: Array<[string[], RegExp]> = [
      [['cp', 'a.mp4', 'oss://bucket/a.mp4', '--endpoint', emulator.url], /vodup cp needs keys/],
      [
        ['cp', 'a.mp4', 'oss://B!/a.mp4', '--endpoint', emulator.url, ...keys()],
        /is not a bucket name/,
      ],
      [
        ['cp', 'a.mp4', 'b.mp4', 'oss://bucket/one.mp4', '--endpoint', emulator.url, ...keys()],
        /destination prefix ending in "\/"/,
      ],
      [['cp', 'a.mp4', 'oss://bucket/a.mp4', ...keys()], /--endpoint URL .* or --region/],
      [
        ['cp', 'a.mp4', 'oss://bucket/a.mp4', '--endpoint', 'http://10.0.0.1:9', ...keys()],
        /plain http:\/\/ to a host that is not loopback.*--allow-plain-http/,
      ],
      [['cp', 'a.mp4', '/tmp/elsewhere', ...keys()], /vodup cp FILE\.\.\. oss:\/\/BUCKET\/KEY/],
    ]
    for (const [args, message] of cases) {
      const run = await runCli(args, { cwd })
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(message)
    }
    expect(emulator.requests()).toHaveLength(0)
  })
})

describe('proxies and bandwidth', () => {
  it('sends VOD and OSS requests through HTTP_PROXY, not when NO_PROXY names the host, and never for the built-in emulator', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'clip.mp4'), 2 * PART, 6)
    const proxy = await loggingProxy()
    try {
      const args = [
        'upload',
        'clip.mp4',
        '--vod-endpoint',
        emulator.url,
        ...keys(),
        '-p',
        '256KiB',
        '--json',
        '--force',
        '--checkpoint-dir',
        join(cwd, 'state'),
      ]
      const proxied = await runCli(args, { cwd, env: { HTTP_PROXY: proxy.url } })
      expect(proxied.code).toBe(0)
      const report = jsonLines(proxied.stdout).find((line) => line.type === 'uploaded') ?? {}
      expect(
        emulator.getObject(report.bucket as string, report.objectKey as string)?.equals(bytes),
      ).toBe(true)
      const targets = proxy.log.map((entry) => `${entry.method} ${entry.target}`)
      expect(
        targets.some(
          (t) => t.startsWith(`GET ${emulator.url}/?`) || t.startsWith(`POST ${emulator.url}/`),
        ),
      ).toBe(true)
      expect(
        targets.filter((t) => t.startsWith(`PUT ${emulator.url}/${report.bucket}/`)),
      ).toHaveLength(2)

      proxy.log.length = 0
      const bypassed = await runCli(args, {
        cwd,
        env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
      })
      expect(bypassed.code).toBe(0)
      const keyless = await runCli(['upload', 'clip.mp4'], { cwd, env: { HTTP_PROXY: proxy.url } })
      expect(keyless.code).toBe(0)
      expect(proxy.log).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  it('--limit-rate caps the bandwidth of the run', async () => {
    const cwd = await workDir()
    const size = 8 * PART
    await writeSample(join(cwd, 'clip.mp4'), size, 7)
    const rate = 512 * 1024
    const run = await runCli(
      [
        'upload',
        'clip.mp4',
        '--vod-endpoint',
        emulator.url,
        ...keys(),
        '-p',
        '256KiB',
        '--limit-rate',
        '512KiB',
        '--json',
        '--checkpoint-dir',
        join(cwd, 'state'),
      ],
      { cwd },
    )
    expect(run.code).toBe(0)
    const summary = jsonLines(run.stdout).at(-1) ?? {}
    expect(summary).toMatchObject({ type: 'summary', uploaded: 1, bytesSent: size })
    // An upper bound: a loaded machine only makes the run slower, so this cannot fail for want of speed. Without
    // the cap the emulator on loopback takes these 2 MiB many times faster.
    expect(summary.averageSpeed as number).toBeLessThanOrEqual(rate * 1.25)
  })
})
