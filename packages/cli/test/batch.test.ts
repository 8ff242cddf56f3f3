import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useEmulator } from '#test-support'
import { workDir, writeSample } from './helpers/files'
import { jsonLines, runCli, startCli, waitFor } from './helpers/run-cli'

const PART = 256 * 1024
const emulator = useEmulator()

/** Keys and endpoint of the emulator, a checkpoint directory in `cwd`, JSON output. */
const target = (cwd: string) => [
  '--vod-endpoint',
  emulator.url,
  '--access-key-id',
  emulator.accessKeyId,
  '--access-key-secret',
  emulator.accessKeySecret,
  '--checkpoint-dir',
  join(cwd, 'state'),
  '--json',
]

const ofType = (lines: Array<Record<string, unknown>>, type: string) =>
  lines.filter((line) => line.type === type)
const operations = (name: string) => emulator.requests().filter((r) => r.operation === name)

async function videoTree(cwd: string) {
  await mkdir(join(cwd, 'videos', 'trips', 'raw'), { recursive: true })
  return {
    a: await writeSample(join(cwd, 'videos', 'a.mp4'), 2 * PART, 1),
    b: await writeSample(join(cwd, 'videos', 'trips', 'b.mov'), PART + 7, 2),
    c: await writeSample(join(cwd, 'videos', 'trips', 'raw', 'c.mp4'), 3 * PART, 3),
    notes: await writeFile(join(cwd, 'videos', 'notes.txt'), 'not a video'),
  }
}

describe('vodup upload -r', () => {
  it('uploads the files of a directory tree, leaving out what VOD does not take, and filters with --include/--exclude', async () => {
    const cwd = await workDir()
    const tree = await videoTree(cwd)
    const run = await runCli(['upload', '-r', 'videos', '-p', '256KiB', ...target(cwd)], { cwd })
    expect(run.code).toBe(0)
    const lines = jsonLines(run.stdout)
    const uploaded = ofType(lines, 'uploaded')
    expect(uploaded.map((line) => line.name).sort()).toEqual([
      'videos/a.mp4',
      'videos/trips/b.mov',
      'videos/trips/raw/c.mp4',
    ])
    for (const line of uploaded) {
      const bytes =
        { 'videos/a.mp4': tree.a, 'videos/trips/b.mov': tree.b }[line.name as string] ?? tree.c
      expect(
        emulator.getObject(line.bucket as string, line.objectKey as string)?.equals(bytes),
      ).toBe(true)
    }
    expect(ofType(lines, 'plan')[0]).toMatchObject({
      bytes: tree.a.length + tree.b.length + tree.c.length,
      ignored: [{ display: 'videos/notes.txt', reason: 'VOD does not take this type of file' }],
    })

    const filtered = await runCli(
      [
        'upload',
        '-r',
        'videos',
        '--include',
        '*.mp4',
        '--exclude',
        'trips/raw/**',
        '--dry-run',
        ...target(cwd),
        '--force',
      ],
      { cwd },
    )
    expect(filtered.code).toBe(0)
    const [plan] = ofType(jsonLines(filtered.stdout), 'plan')
    expect((plan.files as Array<{ name: string }>).map((file) => file.name)).toEqual([
      'videos/a.mp4',
    ])
  })

  it('runs -j files at once: with -j 2 the second file starts before the first completes, with -j 1 after', async () => {
    const cwd = await workDir()
    await mkdir(join(cwd, 'videos'))
    await writeSample(join(cwd, 'videos', 'one.mp4'), 4 * PART, 4)
    await writeSample(join(cwd, 'videos', 'two.mp4'), 4 * PART, 5)
    emulator.faults.setBandwidth(2 * 1024 * 1024, 'UploadPart')
    const order = async (jobs: string) => {
      emulator.clearRequests()
      const run = await runCli(
        ['upload', '-r', 'videos', '-j', jobs, '-p', '256KiB', '--force', ...target(cwd)],
        { cwd },
      )
      expect(run.code).toBe(0)
      return emulator
        .requests()
        .filter((r) => ['InitiateMultipartUpload', 'CompleteMultipartUpload'].includes(r.operation))
        .map((r) => r.operation)
    }
    expect(await order('2')).toEqual([
      'InitiateMultipartUpload',
      'InitiateMultipartUpload',
      'CompleteMultipartUpload',
      'CompleteMultipartUpload',
    ])
    expect(await order('1')).toEqual([
      'InitiateMultipartUpload',
      'CompleteMultipartUpload',
      'InitiateMultipartUpload',
      'CompleteMultipartUpload',
    ])
  })
})

describe('running a batch again', () => {
  it('skips finished files, resumes the one cut off, uploads the rest, and creates no duplicate video', async () => {
    const cwd = await workDir()
    await mkdir(join(cwd, 'videos'))
    const a = await writeSample(join(cwd, 'videos', 'a.mp4'), 2 * PART, 6)
    const b = await writeSample(join(cwd, 'videos', 'b.mp4'), 8 * PART, 7)
    const c = await writeSample(join(cwd, 'videos', 'c.mp4'), 2 * PART, 8)
    const args = ['upload', '-r', 'videos', '-j', '1', '-c', '1', '-p', '256KiB', ...target(cwd)]
    emulator.faults.setBandwidth(1024 * 1024, 'UploadPart')
    const partsOf = (key: unknown) =>
      operations('UploadPart').filter((r) => r.key === key && r.status === 200)

    // First run: a finishes, b is cut off by Ctrl-C after some parts.
    const first = startCli(args, { cwd })
    await waitFor(
      () =>
        operations('CompleteMultipartUpload').length === 1 &&
        operations('UploadPart').filter((r) => r.status === 200).length >= 5,
    )
    first.child.kill('SIGINT')
    const stopped = await first.done
    expect(stopped.code).toBe(130)
    const firstLines = jsonLines(stopped.stdout)
    const aReport = ofType(firstLines, 'uploaded')[0]
    expect(aReport).toMatchObject({ name: 'videos/a.mp4' })
    expect(firstLines.at(-1)).toMatchObject({ type: 'summary', uploaded: 1, interrupted: true })

    // Second run: a skipped, b resumed, c uploaded.
    emulator.faults.clear()
    emulator.clearRequests()
    const second = await runCli(args, { cwd })
    expect(second.code).toBe(0)
    const lines = jsonLines(second.stdout)
    expect(ofType(lines, 'skipped')).toEqual([
      expect.objectContaining({
        name: 'videos/a.mp4',
        videoId: aReport.videoId,
        objectKey: aReport.objectKey,
      }),
    ])
    const [resume] = ofType(lines, 'resume')
    expect(resume).toMatchObject({ name: 'videos/b.mp4', partsTotal: 8 })
    const uploaded = ofType(lines, 'uploaded')
    expect(uploaded.map((line) => line.name)).toEqual(['videos/b.mp4', 'videos/c.mp4'])
    const [bReport, cReport] = uploaded
    expect(bReport.partsResumed).toBe(resume.partsDone)
    expect(
      emulator.getObject(bReport.bucket as string, bReport.objectKey as string)?.equals(b),
    ).toBe(true)
    expect(
      emulator.getObject(cReport.bucket as string, cReport.objectKey as string)?.equals(c),
    ).toBe(true)
    // No new video for a or b, nothing of a sent again, no part of b sent twice.
    expect(operations('CreateUploadVideo')).toHaveLength(1)
    expect(operations('RefreshUploadVideo')).toHaveLength(1)
    expect(partsOf(aReport.objectKey)).toHaveLength(0)
    expect(partsOf(bReport.objectKey)).toHaveLength(8 - (resume.partsDone as number))
    expect(lines.at(-1)).toMatchObject({ type: 'summary', uploaded: 2, skipped: 1, failed: 0 })

    // Third run of the finished batch: nothing is sent at all.
    emulator.clearRequests()
    const third = await runCli(args, { cwd })
    expect(third.code).toBe(0)
    expect(emulator.requests()).toHaveLength(0)
    expect(jsonLines(third.stdout).at(-1)).toMatchObject({
      type: 'summary',
      uploaded: 0,
      skipped: 3,
    })
    expect(
      emulator.getObject(aReport.bucket as string, aReport.objectKey as string)?.equals(a),
    ).toBe(true)

    // --force uploads every file again, as new videos.
    const forced = await runCli([...args, '--force'], { cwd })
    expect(forced.code).toBe(0)
    expect(operations('CreateUploadVideo')).toHaveLength(3)
  })

  it('--dry-run lists what would go, with counts and bytes, and sends nothing', async () => {
    const cwd = await workDir()
    const tree = await videoTree(cwd)
    const run = await runCli(
      ['upload', '-r', 'videos', '--dry-run', ...target(cwd).filter((arg) => arg !== '--json')],
      { cwd },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('  would upload  videos/trips/raw/c.mp4  768.0 KiB')
    const total = tree.a.length + tree.b.length + tree.c.length
    expect(run.stdout).toContain(
      `Dry run: 3 files (${(total / 1024 ** 2).toFixed(1)} MiB) would be uploaded. Nothing was sent.`,
    )
    expect(emulator.requests()).toHaveLength(0)
  })
})

describe('what a run shows', () => {
  it('ends with a summary of uploaded, skipped and failed files, the failures with their codes, and exits 1', async () => {
    const cwd = await workDir()
    await mkdir(join(cwd, 'videos'))
    await writeSample(join(cwd, 'videos', 'a.mp4'), PART, 9)
    await writeSample(join(cwd, 'videos', 'b.mp4'), PART, 10)
    emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 403,
      code: 'Forbidden.InitFailed',
    })
    const run = await runCli(['upload', '-r', 'videos', '-j', '1', ...target(cwd)], { cwd })
    expect(run.code).toBe(1)
    const summary = jsonLines(run.stdout).at(-1)
    expect(summary).toMatchObject({
      type: 'summary',
      uploaded: 1,
      skipped: 0,
      failed: 1,
      bytesUploaded: PART,
      bytesSent: PART,
      failures: [{ name: 'videos/a.mp4', error: { code: expect.any(String) } }],
    })
    expect(summary?.elapsedSeconds).toBeGreaterThan(0)
    expect(summary?.averageSpeed).toBeGreaterThan(0)

    const text = await runCli(
      ['upload', '-r', 'videos', '-j', '1', ...target(cwd).filter((arg) => arg !== '--json')],
      { cwd },
    )
    expect(text.stdout).toMatch(
      /Summary: 1 uploaded, 1 skipped, 0 failed · 256\.0 KiB sent in \d+s \(/,
    )
  })

  it('shows retries as lines on stderr and as JSON events; --quiet keeps only failures, warnings and the summary', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 3 * PART, 11)
    emulator.faults.failNext({ operation: 'UploadPart', status: 503, code: 'ServiceUnavailable' })
    const text = await runCli(
      ['upload', 'clip.mp4', '-p', '256KiB', ...target(cwd).filter((arg) => arg !== '--json')],
      { cwd },
    )
    expect(text.code).toBe(0)
    expect(text.stderr).toMatch(
      /↻ clip\.mp4: UploadPart part \d failed \(\w+: .*\); retry 1 in \d+\.\ds/,
    )

    emulator.faults.failNext({ operation: 'UploadPart', status: 503, code: 'ServiceUnavailable' })
    const json = await runCli(['upload', 'clip.mp4', '-p', '256KiB', '--force', ...target(cwd)], {
      cwd,
    })
    expect(json.code).toBe(0)
    expect(ofType(jsonLines(json.stdout), 'retry')).toEqual([
      expect.objectContaining({
        name: 'clip.mp4',
        operation: 'UploadPart',
        attempt: 1,
        error: expect.objectContaining({ code: expect.any(String) }),
      }),
    ])

    const quiet = await runCli(
      ['upload', 'clip.mp4', '--force', '-q', ...target(cwd).filter((arg) => arg !== '--json')],
      { cwd },
    )
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).toBe('')
    expect(quiet.stdout.trim()).toMatch(/^Summary: 1 uploaded, 0 skipped, 0 failed/)
  })
})

describe('VOD API calls', () => {
  it('retries a 503 on CreateUploadVideo under the same policy as parts, shown on stderr, creating one video', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'clip.mp4'), PART, 13)
    emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 503,
      code: 'ServiceUnavailable',
    })
    const text = await runCli(
      ['upload', 'clip.mp4', ...target(cwd).filter((arg) => arg !== '--json')],
      { cwd },
    )
    expect(text.code).toBe(0)
    expect(text.stderr).toMatch(
      /↻ clip\.mp4: CreateUploadVideo failed \(\w+: .*\); retry 1 in \d+\.\ds/,
    )
    expect(operations('CreateUploadVideo').map((r) => r.status)).toEqual([503, 200])

    emulator.clearRequests()
    emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 503,
      code: 'ServiceUnavailable',
    })
    const json = await runCli(['upload', 'clip.mp4', '--force', ...target(cwd)], { cwd })
    expect(json.code).toBe(0)
    const lines = jsonLines(json.stdout)
    expect(ofType(lines, 'retry')).toEqual([
      expect.objectContaining({ name: 'clip.mp4', operation: 'CreateUploadVideo', attempt: 1 }),
    ])
    const [report] = ofType(lines, 'uploaded')
    expect(
      emulator.getObject(report.bucket as string, report.objectKey as string)?.equals(bytes),
    ).toBe(true)
    expect(operations('CreateUploadVideo').map((r) => r.status)).toEqual([503, 200])
  })
})

describe('keys from an Alibaba Cloud CLI profile', () => {
  it('uploads with --profile, and exits 2 naming a missing profile; keys never appear in output', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), PART, 12)
    const home = join(cwd, 'home')
    await mkdir(join(home, '.aliyun'), { recursive: true })
    await writeFile(
      join(home, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'default',
        profiles: [
          {
            name: 'emu',
            mode: 'AK',
            access_key_id: emulator.accessKeyId,
            access_key_secret: emulator.accessKeySecret,
            region_id: 'cn-shanghai',
          },
          { name: 'role', mode: 'RamRoleArn', access_key_id: 'x', access_key_secret: 'y' },
        ],
      }),
    )
    const env = { HOME: home }
    const run = await runCli(
      ['upload', 'clip.mp4', '--profile', 'emu', '--vod-endpoint', emulator.url],
      { cwd, env },
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('with keys from profile "emu"')
    expect(run.stdout).toMatch(/✓ clip\.mp4/)
    for (const output of [run.stdout, run.stderr])
      expect(output).not.toContain(emulator.accessKeySecret)

    emulator.clearRequests()
    const missing = await runCli(
      ['upload', 'clip.mp4', '--profile', 'work', '--vod-endpoint', emulator.url],
      { cwd, env },
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Profile "work" not found in')
    expect(missing.stderr).toContain('it has "emu", "role"')
    const role = await runCli(['upload', 'clip.mp4', '--profile', 'role', '--json'], { cwd, env })
    expect(role.code).toBe(2)
    expect(jsonLines(role.stdout)).toEqual([
      {
        type: 'error',
        error: {
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining(
            'uses mode RamRoleArn; vodup reads modes AK and StsToken only',
          ),
        },
      },
    ])
    expect(emulator.requests()).toHaveLength(0)
  })
})
