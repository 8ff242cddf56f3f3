import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { startEmulator } from '@vodup/emulator'
import { describe, expect, it } from 'vitest'
import { freePort, workDir, writeSample } from './helpers/files'
import { CLI, jsonLines, runCli, runProgram, startCli, waitFor } from './helpers/run-cli'

const PART = 256 * 1024

async function control(port: number, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/__vodup/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  })
  return response.json()
}

async function storedObject(cwd: string, bucket: string, key: string) {
  const emulator = await startEmulator({ dataDir: join(cwd, '.vodup', 'emulator') })
  try {
    return await emulator.getObject(bucket, key)
  } finally {
    await emulator.stop()
  }
}

describe('vodup upload without cloud settings', () => {
  it('starts the built-in emulator, uploads to it and prints the VideoId and where the object is', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'movie.mp4'), 3 * PART + 5, 1)
    const port = await freePort()
    const run = await runCli(
      ['upload', 'movie.mp4', '--emulator-port', String(port), '-p', '256KiB'],
      { cwd },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/✓ movie\.mp4 .* uploaded in 4 parts/)
    expect(run.stdout).toMatch(/VideoId {2}\w+/)
    const [, bucket, key] =
      /Object {3}http:\/\/127\.0\.0\.1:\d+\/([^/]+)\/(\S+)/.exec(run.stdout) ?? []
    expect(run.stdout).toContain(`Object   http://127.0.0.1:${port}/`)
    expect((await storedObject(cwd, bucket, key))?.equals(bytes)).toBe(true)
  })

  it('keeps its data and port, so an upload cut by a crash resumes when the command runs again', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'long.mp4'), 12 * PART, 2)
    const port = await freePort()
    const args = [
      'upload',
      'long.mp4',
      '--emulator-port',
      String(port),
      '-p',
      '256KiB',
      '-c',
      '2',
      '--json',
    ]
    const first = startCli(args, { cwd })
    await waitFor(async () => {
      try {
        await control(port, 'faults', {
          bandwidth: { bytesPerSecond: 1024 * 1024, operation: 'UploadPart' },
        })
        return true
      } catch {
        return false
      }
    })
    await waitFor(async () => {
      const log = (await control(port, 'requests')) as Array<{ operation: string; status: number }>
      return (
        log.filter((entry) => entry.operation === 'UploadPart' && entry.status === 200).length >= 3
      )
    })
    // A crash: no chance to stop cleanly or flush anything.
    first.child.kill('SIGKILL')
    expect((await first.done).signal).toBe('SIGKILL')

    const second = await runCli(args, { cwd })
    expect(second.code).toBe(0)
    const [report] = jsonLines(second.stdout)
    expect(report.partsResumed).toBeGreaterThanOrEqual(3)
    expect(report.endpoint).toBe(`http://127.0.0.1:${port}`)
    expect(
      (await storedObject(cwd, report.bucket as string, report.objectKey as string))?.equals(bytes),
    ).toBe(true)
  })

  it('says clearly when its port is taken', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'clip.mp4'), 1000)
    const busy = await startEmulator()
    try {
      const run = await runCli(['upload', 'clip.mp4', '--emulator-port', String(busy.port)], {
        cwd,
      })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(`Port ${busy.port} is already in use`)
    } finally {
      await busy.stop()
    }
  })
})

describe('vodup emulator', () => {
  it('runs in the foreground, takes uploads, and stops on Ctrl-C', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'clip.mp4'), 2 * PART, 3)
    const port = await freePort()
    const server = startCli(['emulator', '--port', String(port), '--quiet'], { cwd })
    await waitFor(() => server.stdout.includes('Press Ctrl-C to stop.'))
    const keyId = /AccessKeyId +(\S+)/.exec(server.stdout)?.[1] as string
    const secret = /AccessKeySecret +(\S+)/.exec(server.stdout)?.[1] as string
    const run = await runCli(
      [
        'upload',
        'clip.mp4',
        '--vod-endpoint',
        `http://127.0.0.1:${port}`,
        '--access-key-id',
        keyId,
        '--access-key-secret',
        secret,
        '--json',
      ],
      { cwd },
    )
    expect(run.code).toBe(0)
    const [report] = jsonLines(run.stdout)
    server.child.kill('SIGINT')
    expect((await server.done).code).toBe(0)
    expect(
      (await storedObject(cwd, report.bucket as string, report.objectKey as string))?.equals(bytes),
    ).toBe(true)
  })
})

describe('vodup upload on a terminal', () => {
  it('draws a bar per file and one for all files, with bytes, speed and ETA', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'a.mp4'), 3 * PART, 5)
    await writeSample(join(cwd, 'b.mp4'), 2 * PART, 6)
    const port = await freePort()
    const command = `node ${CLI} upload a.mp4 b.mp4 --emulator-port ${port} -p 256KiB`
    // `script` runs the command on a pseudo-terminal, as a person at a terminal would.
    const run = await runProgram('script', ['-qefc', command, '/dev/null'], { cwd })
    expect(run.code).toBe(0)
    const screen = stripVTControlCharacters(run.stdout).replace(/\r/g, '')
    expect(screen).toMatch(/ a\.mp4 +\|[█░]+\| 100% \| 768\.0 KiB of 768\.0 KiB \| /)
    expect(screen).toMatch(/ b\.mp4 +\|[█░]+\| 100% \| 512\.0 KiB of 512\.0 KiB \| /)
    expect(screen).toMatch(/ total +\|[█░]+\| 100% \| 1\.3 MiB of 1\.3 MiB \| [\d.]+ [KM]iB\/s/)
    expect(screen).toMatch(/ETA /)
    expect(screen).toMatch(/✓ a\.mp4 .*\n {2}VideoId/)
    expect(screen).toMatch(/✓ b\.mp4 .*\n {2}VideoId/)
    expect(screen).toContain('2 files uploaded.')
  })
})
