import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { startEmulator } from '@vodup/emulator'
import { crc64 } from '@vodup/transport-node'
import { describe, expect, it } from 'vitest'
import { freePort, workDir, writeSample } from './helpers/files'
import { CLI, jsonLines, runCli, runProgram, startCli, waitFor } from './helpers/run-cli'

const PART = 256 * 1024

/** The control token the built-in emulator of these tests' commands takes (from VODUP_EMULATOR_TOKEN). */
const CONTROL_TOKEN = randomBytes(24).toString('base64url')

async function control(port: number, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/__vodup/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${CONTROL_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`control API: ${response.status}`)
  return response.json()
}

async function storedObject(dataDir: string, bucket: string, key: string) {
  const emulator = await startEmulator({ dataDir })
  try {
    return await emulator.getObject(bucket, key)
  } finally {
    await emulator.stop()
  }
}

describe('vodup upload without keys', () => {
  it('says loudly that files go to a throwaway emulator, uploads to it, and leaves nothing in the working directory', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'movie.mp4'), 3 * PART + 5, 1)
    const run = await runCli(['upload', 'movie.mp4', '-p', '256KiB'], { cwd })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('NO KEYS GIVEN: files go to a local emulator inside this command')
    expect(run.stderr).toContain('Nothing leaves this machine')
    expect(run.stdout).toMatch(/✓ movie\.mp4 .* uploaded to the local emulator in 4 parts/)
    expect(run.stdout).toMatch(/VideoId {2}\w+/)
    expect(await readdir(cwd)).toEqual(['movie.mp4'])

    const json = await runCli(['upload', 'movie.mp4', '-p', '256KiB', '--json'], { cwd })
    expect(json.code).toBe(0)
    const lines = jsonLines(json.stdout)
    expect(lines[0]).toEqual({ type: 'destination', destination: 'emulator' })
    const uploaded = lines.find((line) => line.type === 'uploaded')
    // The CRC-64 the emulator computed over what it stored, checked against the file's own.
    expect(uploaded).toMatchObject({ destination: 'emulator', crc64: crc64(bytes) })
    expect(json.stderr).toContain('NO KEYS GIVEN')
    expect(await readdir(cwd)).toEqual(['movie.mp4'])
  })

  it('keeps the objects of a keyless run in a temporary directory (disk, not memory) and removes it at the end', async () => {
    const cwd = await workDir()
    const temp = await workDir()
    await writeSample(join(cwd, 'movie.mp4'), 8 * PART, 3)
    const run = startCli(
      ['upload', 'movie.mp4', '-p', '256KiB', '-c', '1', '--limit-rate', '512KB'],
      {
        cwd,
        env: { TMPDIR: temp },
      },
    )
    // While the upload runs, part bytes land in a vodup-emulator-* directory under the system's temporary directory.
    const blobs = async () => {
      const [dir] = (await readdir(temp)).filter((name) => name.startsWith('vodup-emulator-'))
      return dir ? readdir(join(temp, dir, 'blobs')).catch(() => []) : []
    }
    await waitFor(async () => (await blobs()).length > 0 || run.child.exitCode !== null)
    expect((await blobs()).length).toBeGreaterThan(0)
    const done = await run.done
    expect(done.code).toBe(0)
    expect(done.stdout).toMatch(/✓ movie\.mp4 .* uploaded to the local emulator in 8 parts/)
    expect(await readdir(temp)).toEqual([])
    expect(await readdir(cwd)).toEqual(['movie.mp4'])
  })

  it('keeps its data and port with --emulator-data, so an upload cut by a crash resumes when the command runs again', async () => {
    const cwd = await workDir()
    const bytes = await writeSample(join(cwd, 'long.mp4'), 12 * PART, 2)
    const port = await freePort()
    const args = [
      'upload',
      'long.mp4',
      '--emulator-data',
      'state',
      '--emulator-port',
      String(port),
      '-p',
      '256KiB',
      '-c',
      '2',
      '--json',
    ]
    const first = startCli(args, { cwd, env: { VODUP_EMULATOR_TOKEN: CONTROL_TOKEN } })
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
    const lines = jsonLines(second.stdout)
    const resume = lines.find((line) => line.type === 'resume')
    const report = lines.find((line) => line.type === 'uploaded') as Record<string, unknown>
    expect(resume).toMatchObject({ name: 'long.mp4', partsTotal: 12 })
    expect(resume?.partsDone).toBeGreaterThanOrEqual(3)
    expect(report.partsResumed).toBe(resume?.partsDone)
    expect(report.endpoint).toBe(`http://127.0.0.1:${port}`)
    expect(
      (
        await storedObject(join(cwd, 'state'), report.bucket as string, report.objectKey as string)
      )?.equals(bytes),
    ).toBe(true)
  })

  it('says clearly when the port asked for is taken', async () => {
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
    const report = jsonLines(run.stdout).find((line) => line.type === 'uploaded') ?? {}
    expect(report.destination).toBe('vod')
    server.child.kill('SIGINT')
    expect((await server.done).code).toBe(0)
    expect(
      (
        await storedObject(
          join(cwd, '.vodup', 'emulator'),
          report.bucket as string,
          report.objectKey as string,
        )
      )?.equals(bytes),
    ).toBe(true)
  })
})

describe('vodup upload on a terminal', () => {
  it('draws a bar per file and one for all files, with bytes, speed and ETA', async () => {
    const cwd = await workDir()
    await writeSample(join(cwd, 'a.mp4'), 3 * PART, 5)
    await writeSample(join(cwd, 'b.mp4'), 2 * PART, 6)
    const command = `node ${CLI} upload a.mp4 b.mp4 -p 256KiB`
    // `script` runs the command on a pseudo-terminal, as a person at a terminal would.
    const run = await runProgram('script', ['-qefc', command, '/dev/null'], { cwd })
    expect(run.code).toBe(0)
    const screen = stripVTControlCharacters(run.stdout).replace(/\r/g, '')
    // Both files upload at once (-j 3), so both bars stay until the end.
    expect(screen).toMatch(/ a\.mp4 +\|[█░]+\| 100% \| 768\.0 KiB of 768\.0 KiB \| /)
    expect(screen).toMatch(/ b\.mp4 +\|[█░]+\| 100% \| 512\.0 KiB of 512\.0 KiB \| /)
    expect(screen).toMatch(/ total +\|[█░]+\| 100% \| 1\.3 MiB of 1\.3 MiB \| [\d.]+ [KM]iB\/s/)
    expect(screen).toMatch(/ETA /)
    expect(screen).toMatch(/✓ a\.mp4 .*\n {2}VideoId/)
    expect(screen).toMatch(/✓ b\.mp4 .*\n {2}VideoId/)
    expect(screen).toContain('Summary: 2 uploaded, 0 skipped, 0 failed')
  })
})
