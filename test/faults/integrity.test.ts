import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileTask } from '@vodup/core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startNode } from './support/child'
import { bundleCli } from './support/cli-bundle'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { captureConsole, codeOf } from './support/observe'
import { openPlatform, type Platform, watchUploader } from './support/platform'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB, MiB } from './support/scale'
import type { AuthMode } from './support/stacks'
import { type FaultPlan, runUploadScenario } from './support/upload-scenario'
import { finishScenario, verifyObject } from './support/verify'
import { createWorld, recordDirectory, type World } from './support/world'

/**
 * Integrity that fails closed (issue 14), against the emulator's faults, in Node and in the mini program: a part
 * answered with another CRC-64 or without its proof is sent again, an object whose proof differs or is missing is
 * proven with HeadObject or uploaded once more, a file changed since its checkpoint starts a new upload. Every
 * upload must end with the file's bytes on the server; where it cannot (an object that twice differs), the file
 * fails with INTEGRITY_MISMATCH and no object stays.
 */
const PLATFORMS: Platform[] = ['Node', 'mini program']
const MODES: AuthMode[] = ['upload-auth', 'sts']
const PART = 100 * KiB
const RUNS = atScale({ ci: 2, full: 10 })
const FILE: readonly [number, number] = [3 * PART + 1, atScale({ ci: 6, full: 12 }) * PART]

const random = createRandom(inject('faultsSeed')).fork('integrity')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('integrity')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

const partsOf = (fileSize: number, partSize: number) => Math.ceil(fileSize / partSize)

/** The faults of each scenario whose uploads must all complete. */
const SURVIVED: Array<{
  key: string
  name: string
  small?: boolean
  platforms?: Platform[]
  form?: boolean
  faults: FaultPlan
}> = [
  {
    key: 'crc',
    name: 'Part answered with another CRC-64',
    faults: ({ world: w, random: r, fileSize, partSize }) => {
      const parts = partsOf(fileSize, partSize)
      for (let n = 0; n < r.int(1, 2); n++) {
        w.emulator.faults.rewriteAnswer({
          operation: 'UploadPart',
          partNumber: r.int(1, parts),
          setHeaders: { 'x-oss-hash-crc64ecma': String(r.int(1, 1e9)) },
          count: r.int(1, 2),
        })
      }
      return () => {}
    },
  },
  {
    key: 'missing',
    name: 'Part answered without its CRC-64 or its ETag',
    faults: ({ world: w, random: r, fileSize, partSize }) => {
      const parts = partsOf(fileSize, partSize)
      w.emulator.faults.rewriteAnswer({
        operation: 'UploadPart',
        partNumber: r.int(1, parts),
        removeHeaders: r.pick([
          ['x-oss-hash-crc64ecma'],
          ['ETag'],
          ['x-oss-hash-crc64ecma', 'ETag'],
        ]),
        count: r.int(1, 2),
      })
      return () => {}
    },
  },
  {
    key: 'corrupt',
    name: 'Part stored with other bytes than were sent (object CRC-64 differs at Complete)',
    faults: ({ world: w }) => {
      w.emulator.faults.corruptNextPart({ count: 1 })
      return () => {}
    },
  },
  {
    key: 'complete',
    name: 'Complete answered 200 without its CRC-64, with an <Error> body, or with another body',
    faults: ({ world: w, random: r }) => {
      const variant = r.pick([
        { removeHeaders: ['x-oss-hash-crc64ecma'] },
        {
          removeHeaders: ['x-oss-hash-crc64ecma'],
          body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>',
        },
        { body: '<html>OK</html>' },
        { body: '' },
      ])
      w.emulator.faults.rewriteAnswer({ operation: 'CompleteMultipartUpload', ...variant })
      return () => {}
    },
  },
  {
    key: 'put',
    name: 'One-request upload answered with another CRC-64, or without it',
    small: true,
    faults: ({ world: w, random: r }) => {
      w.emulator.faults.rewriteAnswer({
        operation: 'PutObject',
        ...r.pick([
          { setHeaders: { 'x-oss-hash-crc64ecma': '7' } },
          { removeHeaders: ['x-oss-hash-crc64ecma'] },
        ]),
      })
      return () => {}
    },
  },
  {
    key: 'post',
    name: 'Form upload (wx.uploadFile, PostObject) answered with another CRC-64, or without it',
    small: true,
    form: true,
    platforms: ['mini program'],
    faults: ({ world: w, random: r }) => {
      w.emulator.faults.rewriteAnswer({
        operation: 'PostObject',
        ...r.pick([
          { setHeaders: { 'x-oss-hash-crc64ecma': '7' } },
          { removeHeaders: ['x-oss-hash-crc64ecma'] },
        ]),
      })
      return () => {}
    },
  },
]

describe('integrity that fails closed', () => {
  for (const [s, scenario] of SURVIVED.entries()) {
    const platforms = scenario.platforms ?? PLATFORMS
    it.each(platforms.map((platform) => ({ platform, i: PLATFORMS.indexOf(platform) })))(
      `${scenario.name}: $platform, every upload completes with the file's bytes`,
      async ({ platform, i }) => {
        const row = await runUploadScenario(world, random.fork(`${scenario.key}-${platform}`), {
          order: `13-${s}-${i}`,
          name: scenario.name,
          platform,
          runs: RUNS,
          fileSize: scenario.small ? [10 * KiB, 90 * KiB] : FILE,
          partSize: PART,
          concurrency: 2,
          modes: MODES,
          faults: scenario.faults,
          ...(scenario.form ? { transport: { formUpload: { maxSize: 1024 * KiB } } } : {}),
        })
        expectClean(row)
      },
    )
  }

  it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
    'Object that differs twice: $platform, the file fails with INTEGRITY_MISMATCH and no object stays',
    async ({ platform, i }) => {
      const name = 'Object that differs again after one more upload (parts stored corrupt)'
      const tally = new Tally(`13-8-${i}`, name, platform)
      const { emulator } = world
      emulator.clearRequests()
      for (let index = 0; index < RUNS; index++) {
        const mode = MODES[index % MODES.length]
        const size = random.int(FILE[0], FILE[1])
        const bytes = fileBytes(size, random)
        const label = `${name} ${platform} run ${index}`
        const session = await openPlatform(
          world,
          platform,
          join(world.dir, `twice-${i}-${index}`),
          bytes,
          label,
        )
        const uploader = await session.uploader(mode, { partSize: PART, concurrency: 2 })
        watchUploader(world, tally, uploader, label)
        tally.row.runs++
        // Every part of the first upload is stored corrupt, and one of the second.
        emulator.faults.corruptNextPart({ count: partsOf(size, PART) + 1 })
        const denied = index % 2 === 1
        if (denied) {
          emulator.faults.failNext({
            operation: 'DeleteObject',
            status: 403,
            code: 'AccessDenied',
            message: 'The credentials may not delete objects.',
          })
        }
        try {
          const file: FileTask = uploader.addFile(session.input)
          await uploader.start()
          world.watch.record(`${label} error`, file.error)
          expect(file.state).toBe('failure')
          expect(file.error?.code).toBe('INTEGRITY_MISMATCH')
          const key = `${file.destination?.bucket}/${file.destination?.objectKey}`
          const stored = emulator.getObject(file.destination!.bucket, file.destination!.objectKey)
          if (denied) {
            expect(file.error?.message).toContain(`The object at ${key} could not be removed`)
            expect(file.error?.message).toContain('AccessDenied')
            tally.note(
              `run ${index}: the credentials could not delete; the failure names ${key} and why`,
            )
            expect(stored).toBeDefined()
          } else {
            expect(file.error?.message).toContain(`The object at ${key} was deleted`)
            expect(stored).toBeUndefined()
          }
          expect(file.result).toBeUndefined()
        } finally {
          emulator.faults.clear()
          await uploader.dispose()
          await session.close(tally)
        }
      }
      const log = emulator.requests()
      const deletes = log.filter((e) => e.operation === 'DeleteObject')
      tally.note(
        `${log.filter((e) => e.operation === 'InitiateMultipartUpload').length} multipart uploads for ${RUNS} files; ${deletes.filter((e) => e.status === 204).length} objects deleted, ${deletes.filter((e) => e.status === 403).length} deletions refused`,
      )
      expectClean(finishScenario(world, tally))
    },
  )

  it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
    'File rewritten at the same size and modification time between two sessions: $platform, a new upload of the new bytes',
    async ({ platform, i }) => {
      const name = 'File rewritten at the same size and modification time between two sessions'
      const tally = new Tally(`13-9-${i}`, name, platform)
      const { emulator } = world
      emulator.clearRequests()
      for (let index = 0; index < RUNS; index++) {
        const mode = MODES[index % MODES.length]
        const size = random.int(4 * PART, FILE[1])
        const before = fileBytes(size, random)
        const after = fileBytes(size, random)
        const label = `${name} ${platform} run ${index}`
        const dir = join(world.dir, `rewrite-${i}-${index}`)
        const session = await openPlatform(world, platform, dir, before, label)
        tally.row.runs++
        tally.row.expected++
        const first = await session.uploader(mode, { partSize: PART, concurrency: 2 })
        watchUploader(world, tally, first, `${label} first session`)
        const stopAfter = random.int(1, partsOf(size, PART) - 2)
        let acknowledged = 0
        first.hooks.partUploaded.tap('faults', () => {
          if (++acknowledged === stopAfter) void first.stop()
        })
        const stopped = first.addFile(session.input)
        await first.start()
        expect(stopped.state).toBe('stopped')
        const staleId = stopped.uploadId as string
        await first.dispose()

        rewriteKeepingTime(session, dir, after)

        const second = await session.uploader(mode, { partSize: PART, concurrency: 2 })
        watchUploader(world, tally, second, `${label} second session`)
        const warnings: string[] = []
        second.hooks.warning.tap('faults', (error) => warnings.push(codeOf(error) ?? ''))
        try {
          const result = await second.upload(session.input)
          tally.row.completed++
          verifyObject(world, tally, result, after)
          expect(result.partsResumed).toBe(0)
          expect(warnings).toContain('FILE_CHANGED')
          expect(emulator.listMultipartUploads().some((u) => u.uploadId === staleId)).toBe(false)
        } catch (error) {
          world.watch.record(`${label} rejection`, error)
          tally.note(`run ${index} failed: ${codeOf(error)} ${(error as Error).message}`)
        } finally {
          await second.dispose()
          await session.close(tally)
        }
      }
      const log = emulator.requests()
      tally.note(
        `${log.filter((e) => e.operation === 'AbortMultipartUpload' && e.status === 204).length} stale uploads aborted; ${log.filter((e) => e.operation === 'InitiateMultipartUpload').length} multipart uploads for ${RUNS} files`,
      )
      expectClean(finishScenario(world, tally))
    },
  )
})

describe('the reported bug: interrupted, rewritten keeping size and modification time, same command again', () => {
  it('Node (vodup CLI): exit 0 with the new bytes on the server, not a mix of old and new', async () => {
    const name = 'File rewritten at the same size and modification time between two sessions'
    const tally = new Tally('13-9-2', name, 'Node (vodup CLI)')
    const { emulator, watch } = world
    const cli = await bundleCli(join(world.dir, 'vodup-cli.mjs'))
    const cwd = join(world.dir, 'rewrite-cli')
    const checkpointDir = join(cwd, 'checkpoints')
    await mkdir(cwd, { recursive: true })
    const env = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret }
    const path = join(cwd, 'movie.mp4')
    const size = atScale({ ci: 2 * MiB, full: 8 * MiB })
    const before = fileBytes(size, random)
    const after = fileBytes(size, random)
    writeFileSync(path, before)
    const args = [
      'upload',
      'movie.mp4',
      '--vod-endpoint',
      emulator.url,
      '--access-key-id',
      emulator.accessKeyId,
      '--json',
      '--part-size',
      String(256 * KiB),
      '--concurrency',
      '2',
      '--checkpoint-dir',
      checkpointDir,
    ]
    emulator.clearRequests()
    emulator.faults.setBandwidth(2_000_000, 'UploadPart')
    tally.row.expected++
    let checkpointParts = 0
    for (const round of ['interrupted', 'again'] as const) {
      tally.row.runs++
      const child = startNode(cli, args, env, cwd)
      let acknowledged = 0
      const off = world.onRequest((entry) => {
        if (round !== 'interrupted' || entry.operation !== 'UploadPart' || entry.status !== 200)
          return
        if (++acknowledged === 3) child.process.kill('SIGKILL')
      })
      const exit = await child.exited
      off()
      watch.record('vodup stdout', child.stdout)
      watch.record('vodup stderr', child.stderr)
      recordDirectory(watch, checkpointDir, 'vodup checkpoints')
      if (round === 'interrupted') {
        expect(exit.signal).toBe('SIGKILL')
        checkpointParts = savedParts(checkpointDir)
        // Other bytes, the same size, the old modification time (`touch -r`).
        rewriteWithTime(path, after)
        emulator.faults.clear()
        continue
      }
      expect(exit, child.stderr).toEqual({ code: 0, signal: null })
      const report = child.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .find((line) => line.type === 'uploaded')
      tally.row.completed++
      expect(verifyObject(world, tally, report, after), 'the object holds the new bytes').toBe(true)
      expect(report.partsResumed).toBe(0)
      // With parts in its checkpoint, the run says why it starts anew (a warning line of --json).
      const changed = child.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .filter((line) => line.type === 'warning' && line.error?.code === 'FILE_CHANGED')
      if (checkpointParts > 0) expect(changed).toHaveLength(1)
      tally.note(
        `the killed run's checkpoint held ${checkpointParts} parts; the second run ${changed.length > 0 ? 'warned FILE_CHANGED' : 'had nothing to warn about'}`,
      )
    }
    const log = emulator.requests()
    tally.note(
      `the second run listed the parts (${log.filter((e) => e.operation === 'ListParts').length} ListParts), found them changed, aborted the old upload (${log.filter((e) => e.operation === 'AbortMultipartUpload').length} AbortMultipartUpload) and sent every part anew`,
    )
    expectClean(finishScenario(world, tally))
  })
})

/** Parts recorded in the checkpoint files of a directory. */
function savedParts(dir: string): number {
  let parts = 0
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    try {
      const checkpoint = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
        doneParts?: unknown[]
      }
      parts += checkpoint.doneParts?.length ?? 0
    } catch {
      // a directory, or a file being replaced
    }
  }
  return parts
}

/**
 * Writes other bytes of the same size where the platform keeps the file and puts its modification time back,
 * as `cp -p`, `rsync -t` or `touch -r` would: the checkpoint's fingerprint cannot tell.
 */
function rewriteKeepingTime(
  session: Awaited<ReturnType<typeof openPlatform>>,
  dir: string,
  bytes: Uint8Array,
): void {
  const path = session.double
    ? (session.double.files.realPath(
        (session.input as { tempFilePath: string }).tempFilePath,
      ) as string)
    : join(dir, 'video.mp4')
  rewriteWithTime(path, bytes)
}

/** Writes `bytes` at `path` and gives it back its modification time to the nanosecond, with `touch -r`. */
function rewriteWithTime(path: string, bytes: Uint8Array): void {
  const reference = `${path}.time`
  const touch = (from: string, to: string) => {
    const done = spawnSync('touch', ['-r', from, to])
    if (done.status !== 0) throw new Error(`touch -r failed: ${done.stderr}`)
  }
  touch(path, reference)
  const before = statSync(path).mtimeMs
  writeFileSync(path, bytes)
  touch(reference, path)
  rmSync(reference)
  expect(statSync(path).mtimeMs).toBe(before)
}
