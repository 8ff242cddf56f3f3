import { mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { acknowledgedTwice, partsOfCompletedUploads } from './support/acks'
import { startNode } from './support/child'
import { bundleCli } from './support/cli-bundle'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB, MiB } from './support/scale'
import { finishScenario, verifyObject } from './support/verify'
import { createWorld, recordDirectory, type World } from './support/world'

const require = createRequire(import.meta.url)
const OSS = require('ali-oss') as new (
  options: Record<string, unknown>,
) => { get(name: string): Promise<{ content: Buffer }> }

/**
 * The `vodup` command (bundled from its sources) uploads a file and is killed with SIGKILL at a random moment after it started sending parts
 * (mid part body, between parts, while saving its checkpoint...), then the same command runs again, round after
 * round. The object on the server must equal the file, and no part the server acknowledged under an upload id
 * may be sent again under it.
 */
const ROUNDS = atScale({ ci: 5, full: 20 })
const FILE_SIZE = atScale({ ci: 6 * MiB, full: 48 * MiB })
const PART_SIZE = atScale({ ci: 256 * KiB, full: 512 * KiB })
const BANDWIDTH = atScale({ ci: 4_000_000, full: 3_000_000 })
/** Kills land within this long after the command initiated or listed its upload. */
const KILL_WINDOW_MS = Math.round(((2 * FILE_SIZE) / BANDWIDTH / (ROUNDS + 4)) * 1000)

const random = createRandom(inject('faultsSeed')).fork('sigkill')
let world: World

beforeAll(async () => {
  world = await createWorld('sigkill')
})
afterAll(async () => {
  await world?.stop()
})

describe('SIGKILL at random points', () => {
  it(`${ROUNDS} rounds: the same command resumes and the object equals the file`, async () => {
    const cli = await bundleCli(join(world.dir, 'vodup-cli.mjs'))
    const { emulator, watch } = world
    const tally = new Tally(
      '04-0',
      'Process killed with SIGKILL, same upload started again',
      'Node (vodup CLI)',
    )
    emulator.clearRequests()
    emulator.faults.setBandwidth(BANDWIDTH)
    const cwd = join(world.dir, 'sigkill')
    const checkpointDir = join(cwd, 'checkpoints')
    await mkdir(cwd, { recursive: true })
    const env = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret }

    let kills = 0
    for (let fileIndex = 0; kills < ROUNDS || fileIndex === 0; fileIndex++) {
      const name = `movie-${fileIndex}.mp4`
      const bytes = fileBytes(FILE_SIZE, random)
      await writeFile(join(cwd, name), bytes)
      tally.row.expected++
      const args = [
        'upload',
        name,
        '--vod-endpoint',
        emulator.url,
        '--access-key-id',
        emulator.accessKeyId,
        '--json',
        '--part-size',
        String(PART_SIZE),
        '--concurrency',
        '4',
        '--checkpoint-dir',
        checkpointDir,
      ]
      for (;;) {
        tally.row.runs++
        const child = startNode(cli, args, env, cwd)
        const killing = kills < ROUNDS
        let timer: ReturnType<typeof setTimeout> | undefined
        const off = world.onRequest((entry) => {
          if (!killing || timer) return
          if (entry.operation !== 'InitiateMultipartUpload' && entry.operation !== 'ListParts')
            return
          timer = setTimeout(() => child.process.kill('SIGKILL'), random.int(0, KILL_WINDOW_MS))
        })
        const exit = await child.exited
        off()
        clearTimeout(timer)
        watch.record('vodup stdout', child.stdout)
        watch.record('vodup stderr', child.stderr)
        recordDirectory(watch, checkpointDir, 'vodup checkpoints')
        if (exit.signal === 'SIGKILL') {
          kills++
          continue
        }
        expect(exit, child.stderr).toEqual({ code: 0, signal: null })
        const report = child.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
          .find((line) => line.type === 'uploaded')
        tally.row.completed++
        verifyObject(world, tally, report, bytes)
        const oss = new OSS({
          endpoint: emulator.url,
          region: `oss-${emulator.region}`,
          bucket: report.bucket,
          accessKeyId: emulator.accessKeyId,
          accessKeySecret: emulator.accessKeySecret,
        })
        const fetched = await oss.get(report.objectKey)
        expect(Buffer.compare(fetched.content, bytes), 'ali-oss reads the file back').toBe(0)
        break
      }
    }
    emulator.faults.clear()
    const log = emulator.requests()
    const resumes = log.filter((e) => e.operation === 'ListParts').length
    tally.note(
      `${kills} SIGKILLs in ${tally.row.runs} runs of the command for ${tally.row.expected} file(s) of ${Math.ceil(FILE_SIZE / PART_SIZE)} parts; ` +
        `${resumes} runs resumed from a checkpoint (ListParts); ${describeParts(log, tally.row.expected)}`,
    )
    // A killed process remembers nothing: every 200 in the server's log is an acknowledgement that the next run
    // must find (ListParts) instead of sending the part again.
    tally.row.duplicateAcks += acknowledgedTwice(log)
    const row = finishScenario(world, tally)
    expectClean(row)
    expect(kills).toBe(ROUNDS)
  })
})

/**
 * What the log says of the completed uploads' parts, in one sentence (the only source of the row's figures): how
 * many were acknowledged with a 200, and how many the server stored from a request the kill cut short (no 200 in
 * the log) and the next run found with ListParts.
 */
function describeParts(log: ReturnType<World['emulator']['requests']>, files: number): string {
  const counts = partsOfCompletedUploads(log)
  const parts = files * Math.ceil(FILE_SIZE / PART_SIZE)
  return (
    `${counts.completed} multipart upload(s) completed of ${counts.initiated} initiated; of their ${parts} parts, ` +
    `${counts.acknowledged} were acknowledged with a 200 and ${parts - counts.acknowledged} were stored by a request ` +
    'the kill cut short (no 200 in the log) and found by ListParts on resume'
  )
}
