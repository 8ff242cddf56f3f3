import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc64, nodeTransport } from '@vodup/transport-node'
import { callVodApi } from '@vodup/vod'
import { describe, expect, it } from 'vitest'
import { appServer, useEmulator } from '#test-support'
import { workDir, writeSample } from './helpers/files'
import { jsonLines, runCli, startCli, waitFor } from './helpers/run-cli'

const PART = 256 * 1024
const emulator = useEmulator()
const { transport } = nodeTransport({ checkpointDir: '/nonexistent/unused' })

/** The options that point the command at VOD: the emulator and its account keys, unless told otherwise. */
const keys = ({
  endpoint = emulator.url,
  id = emulator.accessKeyId,
  secret = emulator.accessKeySecret,
} = {}) => ['--vod-endpoint', endpoint, '--access-key-id', id, '--access-key-secret', secret]

async function serverBytes(report: Record<string, unknown>) {
  return emulator.getObject(report.bucket as string, report.objectKey as string)
}

describe('vodup upload --vod-endpoint', () => {
  it('uploads files with --json: one result per file, bytes on the server equal to the files', async () => {
    const cwd = await workDir()
    const movie = await writeSample(join(cwd, 'movie.mp4'), 5 * PART + 77, 1)
    const cover = await writeSample(join(cwd, 'cover.jpg'), 2000, 2)
    const checkpointDir = join(cwd, 'checkpoints')
    const run = await runCli(
      [
        'upload',
        'movie.mp4',
        'cover.jpg',
        ...keys(),
        '--json',
        '--part-size',
        '256KiB',
        '--title',
        'Holiday',
        '--cate-id',
        '1000',
        '--checkpoint-dir',
        checkpointDir,
      ],
      { cwd },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const uploaded = jsonLines(run.stdout).filter((line) => line.type === 'uploaded')
    const video = uploaded.find((line) => line.name === 'movie.mp4') ?? {}
    const image = uploaded.find((line) => line.name === 'cover.jpg') ?? {}
    expect(video).toMatchObject({
      destination: 'vod',
      name: 'movie.mp4',
      path: join(cwd, 'movie.mp4'),
      size: movie.length,
      videoId: expect.any(String),
      endpoint: emulator.url,
      bucket: emulator.defaultBucket,
      crc64: crc64(movie),
      partsSent: 6,
      partsResumed: 0,
    })
    expect(video.objectUrl).toBe(`${emulator.url}/${video.bucket}/${video.objectKey}`)
    expect((await serverBytes(video))?.equals(movie)).toBe(true)
    expect(image).toMatchObject({ name: 'cover.jpg', imageId: expect.any(String), partsSent: 0 })
    expect((await serverBytes(image))?.equals(cover)).toBe(true)

    const info = await callVodApi((request) => transport.request(request), {
      action: 'GetVideoInfo',
      params: { VideoId: video.videoId as string },
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
      endpoint: emulator.url,
    })
    expect(info.Video).toMatchObject({ Title: 'Holiday', CateId: 1000 })
    expect(run.stdout).not.toContain(emulator.accessKeySecret)
  })

  it('prints the VideoId and where the object is, without --json', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 3 * PART, 3)
    const run = await runCli(['upload', 'clip.mp4', ...keys(), '-p', '256KiB'], { cwd })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/✓ clip\.mp4 {2}768\.0 KiB uploaded in 3 parts/)
    expect(run.stdout).toMatch(/VideoId {2}\w+/)
    expect(run.stdout).toContain(`Object   ${emulator.url}/${emulator.defaultBucket}/`)
    expect(run.stdout).toMatch(/Summary: 1 uploaded, 0 skipped, 0 failed · 768\.0 KiB sent in /)
    expect(run.stderr).toContain(
      `vodup: uploading to VOD in cn-shanghai (${emulator.url}) with keys from the --access-key-id option.`,
    )
  })

  it('continues after Ctrl-C where it stopped, sending no acknowledged part twice', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'long.mp4'), 16 * PART, 4)
    const args = [
      'upload',
      'long.mp4',
      ...keys(),
      '--json',
      '-p',
      '256KiB',
      '-c',
      '2',
      '--checkpoint-dir',
      join(cwd, 'checkpoints'),
    ]
    emulator.faults.setBandwidth(1024 * 1024, 'UploadPart')
    const parts = () =>
      emulator.requests().filter((r) => r.operation === 'UploadPart' && r.key?.endsWith('.mp4'))
    emulator.clearRequests()
    const first = startCli(args, { cwd })
    await waitFor(() => parts().filter((p) => p.status === 200).length >= 4)
    first.child.kill('SIGINT')
    const stopped = await first.done
    expect(stopped.code).toBe(130)
    const stoppedLines = jsonLines(stopped.stdout)
    expect(stoppedLines.find((line) => line.type === 'interrupted')).toMatchObject({
      resumable: true,
      error: { code: 'ABORTED' },
    })
    expect(stoppedLines.at(-1)).toMatchObject({ type: 'summary', interrupted: true, uploaded: 0 })
    const acknowledgedBefore = parts().filter((p) => p.status === 200).length
    expect(acknowledgedBefore).toBeLessThan(16)

    emulator.faults.clear()
    const second = await runCli(args, { cwd })
    expect(second.code).toBe(0)
    const lines = jsonLines(second.stdout)
    const report = lines.find((line) => line.type === 'uploaded') ?? {}
    // Announced when it starts, before the first new part is sent.
    const resume = lines.find((line) => line.type === 'resume')
    expect(resume).toMatchObject({
      name: 'long.mp4',
      partsDone: report.partsResumed,
      partsTotal: 16,
    })
    expect(lines.indexOf(resume as Record<string, unknown>)).toBeLessThan(lines.indexOf(report))
    // Speed counts this run's bytes only: the parts sent before are not in it.
    const summary = lines.at(-1) ?? {}
    expect(summary).toMatchObject({ type: 'summary', uploaded: 1 })
    expect(summary.bytesSent).toBe(bytes.length - (resume?.bytesDone as number))
    expect(report.partsResumed).toBeGreaterThanOrEqual(acknowledgedBefore)
    expect((report.partsResumed as number) + (report.partsSent as number)).toBe(16)
    expect((await serverBytes(report))?.equals(bytes)).toBe(true)
    const acknowledged = parts().filter((p) => p.status === 200 && p.key === report.objectKey)
    const numbers = acknowledged.map((p) => p.partNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    // Every part reached the server; a part in flight at Ctrl-C may have been stored without its answer arriving,
    // then found by ListParts instead of sent again (so it has no 200 in the log).
    const reached = new Set(
      parts()
        .filter((p) => p.key === report.objectKey)
        .map((p) => p.partNumber),
    )
    expect(reached.size).toBe(16)
  })
})

describe('vodup upload: bad credentials and endpoints', () => {
  it('exits 1 with a clear message when the secret is wrong', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 1000)
    const run = await runCli(['upload', 'clip.mp4', ...keys({ secret: 'not-the-secret' })], {
      cwd,
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /✗ clip\.mp4: .*\[SIGNATURE_MISMATCH\]\n {2}Check the AccessKey secret\./,
    )
    expect(run.stderr).not.toContain('not-the-secret')
  })

  it('exits 1 with a clear message when the AccessKey id is unknown', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 1000)
    const run = await runCli(
      ['upload', 'clip.mp4', ...keys({ id: 'LTAIunknown', secret: 'whatever' }), '--json'],
      { cwd },
    )
    expect(run.code).toBe(1)
    expect(jsonLines(run.stdout).filter((line) => line.type === 'failed')).toEqual([
      {
        type: 'failed',
        name: 'clip.mp4',
        path: join(cwd, 'clip.mp4'),
        error: { code: 'ACCESS_DENIED', message: expect.any(String) },
      },
    ])
  })

  it('exits 1 and says the credentials expired for an expired STS token', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 1000)
    const credentials = await appServer(emulator).assumeRole()
    await emulator.faults.expireAllTokens()
    const run = await runCli(['upload', 'clip.mp4', '--vod-endpoint', emulator.url], {
      cwd,
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.AccessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.AccessKeySecret,
        ALIBABA_CLOUD_SECURITY_TOKEN: credentials.SecurityToken,
      },
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/\[TOKEN_EXPIRED\]\n {2}The credentials expired/)
    expect(run.stderr).not.toContain(credentials.SecurityToken)
  })

  it('exits 1 when the endpoint cannot be reached', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 1000)
    const run = await runCli(
      [
        'upload',
        'clip.mp4',
        ...keys({ endpoint: 'http://127.0.0.1:9', id: 'id', secret: 'secret' }),
      ],
      { cwd },
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /✗ clip\.mp4: .*refused.*\[NETWORK\]\n {2}Check that the endpoint is reachable/,
    )
  })
})

describe('vodup upload: bad input', () => {
  it.each([
    [
      'a missing file',
      ['missing.mp4'],
      /✗ missing\.mp4: No file at .*missing\.mp4\. \[FILE_NOT_FOUND\]/,
    ],
    [
      'a directory without -r',
      ['videos'],
      /✗ videos: videos is a directory: add -r \(--recursive\) to upload the files in it\. \[INVALID_ARGUMENT\]/,
    ],
    ['no file at all', [], /missing required argument 'paths'/],
    [
      'an empty file',
      ['empty.mp4'],
      /✗ empty\.mp4: The file is empty, and VOD refuses empty files\. \[EMPTY_FILE\]/,
    ],
    [
      'a type VOD refuses',
      ['notes.txt'],
      /✗ notes\.txt: VOD does not take this type of file\. \[INVALID_ARGUMENT\]/,
    ],
    [
      'a part size below 100 KiB',
      ['clip.mp4', '-p', '10KB'],
      /--part-size must be between 100 KiB and 5 GiB/,
    ],
    [
      'a checkpoint directory that is a file',
      ['clip.mp4', '--checkpoint-dir', 'notes.txt'],
      /cannot hold checkpoints: a file is in the way/,
    ],
    [
      'a malformed VOD endpoint',
      [
        'clip.mp4',
        '--access-key-id',
        'id',
        '--access-key-secret',
        's',
        '--vod-endpoint',
        'http://127.0.0.1:1/vod?x',
      ],
      /endpoint must be an http\(s\) URL/,
    ],
    ['an --include without -r', ['clip.mp4', '--include', '*.mp4'], /add -r/],
    [
      'a bad concurrency',
      ['clip.mp4', '-c', '0'],
      /--concurrency must be a whole number of at least 1; got "0"/,
    ],
    ['a bad part size', ['clip.mp4', '-p', 'big'], /--part-size must be a size such as 8MiB/],
    [
      'a key id without secret',
      ['clip.mp4', '--access-key-id', 'id', '--region', 'cn-shanghai'],
      /without --access-key-secret/,
    ],
    [
      'keys without a region or endpoint',
      ['clip.mp4', '--access-key-id', 'id', '--access-key-secret', 's'],
      /--region .* or --vod-endpoint/,
    ],
    [
      'a bad region',
      ['clip.mp4', '--access-key-id', 'id', '--access-key-secret', 's', '--region', 'Mars!'],
      /region must be a region id/,
    ],
    ['an unknown option', ['clip.mp4', '--frobnicate'], /unknown option '--frobnicate'/],
  ])('exits 2 for %s, sending nothing', async (_label, args, message) => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 1000)
    await mkdir(join(cwd, 'videos'))
    await writeFile(join(cwd, 'empty.mp4'), '')
    await writeFile(join(cwd, 'notes.txt'), 'not a video')
    emulator.clearRequests()
    const needsKeys = !args.includes('--access-key-id') && args.length > 0
    const run = await runCli(['upload', ...args, ...(needsKeys ? keys() : [])], { cwd })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(emulator.requests()).toHaveLength(0)
  })

  it('exits 2 for a file the user may not read', async () => {
    const cwd = await workDir()
    const { chmod } = await import('node:fs/promises')
    await writeSample(join(cwd, 'secret.mp4'), 1000)
    await chmod(join(cwd, 'secret.mp4'), 0o600)
    await chmod(cwd, 0o755)
    const asRoot = process.getuid?.() === 0
    const run = await runCli(['upload', 'secret.mp4', ...keys()], {
      cwd,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    })
    if (!asRoot) await chmod(join(cwd, 'secret.mp4'), 0o000)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /✗ secret\.mp4: No permission to read .*secret\.mp4\. \[FILE_NOT_READABLE\]/,
    )
  })

  it('prints bad usage as JSON with --json', async () => {
    const cwd = await workDir()
    const run = await runCli(['upload', 'clip.mp4', '-c', 'many', '--json'], { cwd })
    expect(run.code).toBe(2)
    expect(jsonLines(run.stdout)).toEqual([
      {
        type: 'error',
        error: {
          code: 'INVALID_ARGUMENT',
          message: '--concurrency must be a whole number of at least 1; got "many".',
        },
      },
    ])
  })
})
