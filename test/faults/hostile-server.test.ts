import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileTask, Uploader } from '@vodup/core'
import { MAX_ERROR_MESSAGE_LENGTH } from '@vodup/core/internal'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { appServer } from './support/app-server'
import { startNode } from './support/child'
import { bundleCli } from './support/cli-bundle'
import { echoingProxy } from './support/echoing-proxy'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { captureConsole, codeOf } from './support/observe'
import {
  openPlatform,
  type Platform,
  type PlatformSession,
  watchUploader,
} from './support/platform'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB, MiB } from './support/scale'
import type { AuthMode } from './support/stacks'
import { runUploadScenario } from './support/upload-scenario'
import { finishScenario, verifyObject } from './support/verify'
import { createWorld, recordDirectory, type World } from './support/world'

/**
 * The client against a hostile or broken server (issue 16), in Node and in the mini program: a ListParts that
 * never ends, one with a million parts, answers of 50 MB (errors and results). The client must end every case
 * with a typed error or a proven upload, after a bounded number of requests, with short messages and no secret,
 * and what it uploaded before must not be lost: once the server behaves, the same file resumes.
 */
const PLATFORMS: Platform[] = ['Node', 'mini program']
const MODES: AuthMode[] = ['upload-auth', 'sts']
const PART = 100 * KiB
const RUNS = atScale({ ci: 2, full: 5 })
/** Most ListParts pages the client reads for one listing (target-oss's MAX_LIST_PAGES). */
const MAX_LIST_PAGES = 100
const BIG = 50 * MiB

const random = createRandom(inject('faultsSeed')).fork('hostile-server')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('hostile')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

/** Stops an upload after a few parts so that a checkpoint names its upload; returns the stopped file. */
async function stopAfterParts(
  uploader: Uploader,
  input: unknown,
  parts: number,
): Promise<FileTask> {
  let acknowledged = 0
  uploader.hooks.partUploaded.tap('faults', () => {
    if (++acknowledged === parts) void uploader.stop()
  })
  const file = uploader.addFile(input)
  await uploader.start()
  return file
}

/** Resident memory now, in MiB (for the notes; never asserted: timing and memory live in benchmarks). */
const rssMiB = () => process.memoryUsage().rss / MiB

const LIST_MODES = [
  { mode: 'endless', name: 'ListParts that never ends (IsTruncated for ever, the marker growing)' },
  { mode: 'stuck', name: 'ListParts whose marker never moves' },
  { mode: 'huge', name: 'ListParts with 1,000,000 parts in one answer' },
] as const

describe('a hostile ListParts on resume', () => {
  for (const [m, { mode, name }] of LIST_MODES.entries()) {
    it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
      `${name}: $platform, BAD_RESPONSE after a bounded number of requests, then the same file resumes`,
      async ({ platform, i }) => {
        const tally = new Tally(`14-${m}-${i}`, name, platform)
        const { emulator } = world
        emulator.clearRequests()
        let mostRequests = 0
        let mostGrowth = 0
        for (let index = 0; index < RUNS; index++) {
          const mode_ = MODES[index % MODES.length]
          const bytes = fileBytes(random.int(5 * PART, 8 * PART), random)
          const label = `${name} ${platform} run ${index}`
          const session = await openPlatform(
            world,
            platform,
            join(world.dir, `list-${m}-${i}-${index}`),
            bytes,
            label,
          )
          const options = { partSize: PART, concurrency: 2 }
          tally.row.runs++
          tally.row.expected++
          const first = await session.uploader(mode_, options)
          watchUploader(world, tally, first, `${label} first session`)
          await stopAfterParts(first, session.input, 2)
          await first.dispose()

          emulator.faults.hostileListParts({ mode })
          const second = await session.uploader(mode_, options)
          watchUploader(world, tally, second, `${label} hostile session`)
          let lists = 0
          second.hooks.request.tap('faults', (request, info) => {
            if (info.operation === 'ListParts') lists++
            return request
          })
          const rss = rssMiB()
          const file = second.addFile(session.input)
          await second.start()
          mostGrowth = Math.max(mostGrowth, rssMiB() - rss)
          mostRequests = Math.max(mostRequests, lists)
          world.watch.record(`${label} error`, file.error)
          expect(file.state).toBe('failure')
          expect(file.error?.code).toBe('BAD_RESPONSE')
          expect(file.error?.operation).toBe('ListParts')
          expect(lists).toBeGreaterThan(0)
          expect(lists).toBeLessThanOrEqual(MAX_LIST_PAGES)
          await second.dispose()

          emulator.faults.hostileListParts(null)
          await resumeHonestly(tally, session, mode_, options, bytes, label)
        }
        tally.note(
          `each hostile listing ended with BAD_RESPONSE after at most ${mostRequests} ListParts requests; resident memory grew by at most ${mostGrowth.toFixed(0)} MiB during it; every file then resumed from its checkpoint against the honest server`,
        )
        expectClean(finishScenario(world, tally))
      },
    )
  }
})

/** The server behaves again: the same file resumes from its checkpoint and completes with its bytes. */
async function resumeHonestly(
  tally: Tally,
  session: PlatformSession,
  mode: AuthMode,
  options: { partSize: number; concurrency: number },
  bytes: Uint8Array,
  label: string,
): Promise<void> {
  const third = await session.uploader(mode, options)
  watchUploader(world, tally, third, `${label} honest session`)
  try {
    const result = await third.upload(session.input)
    tally.row.completed++
    const stored = world.emulator.getObject(result.bucket, result.objectKey)
    if (stored && Buffer.compare(stored, bytes) === 0) tally.row.bytesVerified += bytes.length
    else tally.row.mismatches++
    expect(result.partsResumed).toBeGreaterThan(0)
  } catch (error) {
    world.watch.record(`${label} rejection`, error)
    tally.note(`${label} failed: ${codeOf(error)} ${(error as Error).message}`)
  } finally {
    await third.dispose()
    await session.close(tally)
  }
}

/** 50 MB error answers: with a length (refused before it is read), chunked (read and cut), and from VOD. */
const BIG_ERRORS = [
  {
    order: '14-3',
    name: 'A 50 MB error answer (5xx with a 50 MB message)',
    operation: 'UploadPart',
    modes: MODES,
    unsized: false,
  },
  {
    order: '14-6',
    name: 'A 50 MB error answer sent without a length (chunked)',
    operation: 'UploadPart',
    modes: MODES,
    unsized: true,
  },
  {
    // In STS mode vodup calls VOD itself; in UploadAuth mode the app server does.
    order: '14-7',
    name: 'A 50 MB error answer from VOD (CreateUploadVideo, STS), with or without a length',
    operation: 'CreateUploadVideo',
    modes: ['sts'] as AuthMode[],
    unsized: undefined,
  },
] as const

describe('answers of 50 MB', () => {
  for (const big of BIG_ERRORS) {
    it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
      `${big.name}: $platform, not kept, a short message, the upload completes`,
      async ({ platform, i }) => {
        const messages: string[] = []
        let mostGrowth = 0
        let unsizedAnswers = 0
        const row = await runUploadScenario(
          world,
          random.fork(`big-error-${big.order}-${platform}`),
          {
            order: `${big.order}-${i}`,
            name: big.name,
            platform,
            runs: RUNS,
            fileSize: [3 * PART + 1, 6 * PART],
            partSize: PART,
            concurrency: 2,
            modes: big.modes,
            faults: ({ world: w, random: r }) => {
              const count = r.int(1, 2)
              const unsized = big.unsized ?? r.pick([true, false])
              if (unsized) unsizedAnswers += count
              w.emulator.faults.failNext({
                operation: big.operation,
                status: 503,
                code: 'ServiceUnavailable',
                count,
              })
              w.emulator.faults.rewriteAnswer({
                operation: big.operation,
                padTo: {
                  bytes: BIG,
                  after: big.operation === 'UploadPart' ? '<Message>' : '"Message":"',
                  unsized,
                },
                count,
              })
              const rss = rssMiB()
              const off = w.onRequest(() => {
                mostGrowth = Math.max(mostGrowth, rssMiB() - rss)
              })
              return () => off()
            },
            observe: (uploader) =>
              uploader.hooks.retry.tap('faults', (attempt) => {
                messages.push(attempt.error.message)
              }),
            summarize: () => [
              `${messages.length} answers of 50 MB (${unsizedAnswers} of them chunked, without a length) ended in short messages, the longest ${Math.max(0, ...messages.map((m) => m.length))} characters; resident memory grew by at most ${mostGrowth.toFixed(0)} MiB while they came`,
            ],
          },
        )
        expect(messages.length).toBeGreaterThan(0)
        for (const message of messages) {
          expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH)
          expect(message).not.toMatch(/x{100}/)
        }
        expectClean(row)
      },
    )
  }

  it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
    'a 50 MB answer to Complete: $platform, not read, the object proven by HeadObject',
    async ({ platform, i }) => {
      const row = await runUploadScenario(world, random.fork(`big-result-${platform}`), {
        order: `14-4-${i}`,
        name: 'A 50 MB CompleteMultipartUpload answer',
        platform,
        runs: RUNS,
        fileSize: [3 * PART + 1, 6 * PART],
        partSize: PART,
        concurrency: 2,
        modes: MODES,
        faults: ({ world: w }) => {
          w.emulator.faults.rewriteAnswer({
            operation: 'CompleteMultipartUpload',
            padTo: { bytes: BIG, after: '<Location>' },
          })
          return () => {}
        },
      })
      expectClean(row)
    },
  )
})

describe('an error answer that echoes the request (Authorization, signature, token)', () => {
  const NAME = 'Error answers echoing the request: Authorization header, signature, security token'

  it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
    '$platform: no echoed value in errors, hooks, logs or storage; the upload completes',
    async ({ platform, i }) => {
      const proxy = await echoingProxy(world.emulator.url)
      // The same world, but VOD, STS and OSS are reached through the echoing proxy.
      const emulator = Object.assign(Object.create(world.emulator), { url: proxy.url })
      const proxied: World = { ...world, emulator, server: appServer(emulator, world.watch) }
      try {
        const row = await runUploadScenario(proxied, random.fork(`echo-${platform}`), {
          order: `14-5-${i}`,
          name: NAME,
          platform,
          runs: RUNS,
          fileSize: [3 * PART + 1, 6 * PART],
          partSize: PART,
          concurrency: 2,
          modes: MODES,
          faults: ({ random: r }) => {
            proxy.arm(r.int(1, 3))
            return () => {
              proxy.arm(0)
              for (const value of proxy.echoed) world.watch.addSecret(value)
            }
          },
          summarize: () => [
            `the proxy echoed ${proxy.echoed.size} distinct secret-bearing values into error answers; each was looked for in every artefact (the secrets column)`,
          ],
        })
        expect(proxy.echoed.size).toBeGreaterThan(0)
        expectClean(row)
      } finally {
        await proxy.stop()
      }
    },
  )

  it('Node (vodup CLI): no echoed value in --json or --verbose output', async () => {
    const tally = new Tally('14-5-2', NAME, 'Node (vodup CLI)')
    const { emulator, watch } = world
    emulator.clearRequests()
    const proxy = await echoingProxy(emulator.url)
    const cli = await bundleCli(join(world.dir, 'vodup-cli.mjs'))
    const cwd = join(world.dir, 'echo-cli')
    await mkdir(cwd, { recursive: true })
    try {
      for (const [run, extra] of [['--json'], ['--verbose']].entries()) {
        const bytes = fileBytes(random.int(3 * PART + 1, 6 * PART), random)
        const name = `echo-${run}.mp4`
        await writeFile(join(cwd, name), bytes)
        tally.row.runs++
        tally.row.expected++
        proxy.arm(2)
        const child = startNode(
          cli,
          [
            'upload',
            name,
            '--vod-endpoint',
            proxy.url,
            '--access-key-id',
            emulator.accessKeyId,
            '--part-size',
            String(PART),
            '--checkpoint-dir',
            join(cwd, 'checkpoints'),
            ...extra,
          ],
          { ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret },
          cwd,
        )
        const exit = await child.exited
        for (const value of proxy.echoed) watch.addSecret(value)
        watch.record('vodup stdout', child.stdout)
        watch.record('vodup stderr', child.stderr)
        recordDirectory(watch, join(cwd, 'checkpoints'), 'vodup checkpoints')
        expect(exit, child.stderr).toEqual({ code: 0, signal: null })
        tally.row.completed++
        const key = emulator
          .requests()
          .filter((e) => e.operation === 'CompleteMultipartUpload' && e.status === 200)
          .at(-1)
        verifyObject(
          world,
          tally,
          { bucket: key?.bucket as string, objectKey: key?.key as string },
          bytes,
        )
        expect(`${child.stdout}${child.stderr}`).toMatch(/ServiceUnavailable|SERVER_ERROR/)
      }
      tally.note(
        `the proxy echoed ${proxy.echoed.size} distinct secret-bearing values to the command; none was found in its output`,
      )
      expectClean(finishScenario(world, tally))
    } finally {
      await proxy.stop()
    }
  })
})
