import { join } from 'node:path'
import type { UploaderOptions } from '@vodup/core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { captureConsole, codeOf } from './support/observe'
import { openPlatform, type Platform, watchUploader } from './support/platform'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB } from './support/scale'
import type { AuthMode } from './support/stacks'
import { finishScenario, verifyObject } from './support/verify'
import { createWorld, type World } from './support/world'

/**
 * Answers lost on the way back: the server did what was asked (stored a part, created an upload, assembled the
 * object) and the connection dropped before the app heard it, as on any mobile network (a mini program switching
 * networks mid-answer, for one). The emulator's `loseAnswer` fault serves the request, then destroys the connection
 * instead of answering. The app must find out what the server did instead of failing or starting over.
 */
const PART = 100 * KiB
const OPTIONS: UploaderOptions = { partSize: PART, concurrency: 2 }
const OPERATIONS = ['UploadPart', 'InitiateMultipartUpload', 'CompleteMultipartUpload'] as const
const MODES: AuthMode[] = ['upload-auth', 'sts']
const PLATFORMS: Platform[] = ['Node', 'mini program']

const random = createRandom(inject('faultsSeed')).fork('lost-answers')
let world: World
let restoreConsole: () => void
let sessionNumber = 0

beforeAll(async () => {
  world = await createWorld('lost')
  restoreConsole = captureConsole(world.watch)
})
afterEach(() => world.emulator.faults.clear())
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

/** A file of `size` bytes on `platform`, and an uploader for it. */
async function session(platform: Platform, mode: AuthMode, size: number, label: string) {
  const bytes = fileBytes(size, random)
  const opened = await openPlatform(
    world,
    platform,
    join(world.dir, `lost-${sessionNumber++}`),
    bytes,
    label,
  )
  const uploader = await opened.uploader(mode, OPTIONS)
  return { opened, uploader, bytes }
}

const requests = (operation: string, from: number) =>
  world.emulator
    .requests()
    .slice(from)
    .filter((entry) => entry.operation === operation)

describe('answers lost after the server acted', () => {
  it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
    '$platform: every upload completes with the bytes of its file',
    async ({ platform, i }) => {
      const tally = new Tally(`12-${i}`, 'Answers lost after the server acted', platform)
      world.emulator.clearRequests()
      const runs = atScale({ ci: 6, full: 45 })
      let restarts = 0
      for (let index = 0; index < runs; index++) {
        const operation = OPERATIONS[index % OPERATIONS.length]
        const mode = MODES[Math.floor(index / OPERATIONS.length) % MODES.length]
        const parts = random.int(3, 8)
        const from = world.emulator.requests().length
        const label = `lost ${operation} ${platform} run ${index}`
        const { opened, uploader, bytes } = await session(
          platform,
          mode,
          parts * PART - random.int(0, PART - 1),
          label,
        )
        watchUploader(world, tally, uploader, label)
        world.emulator.faults.loseAnswer({ operation })
        tally.row.runs++
        tally.row.expected++
        try {
          verifyObject(world, tally, await uploader.upload(opened.input), bytes)
          tally.row.completed++
        } catch (error) {
          world.watch.record(`${label} rejection`, error)
          tally.note(
            `run ${index} (${operation} answer lost, ${mode}) failed: ${codeOf(error)} ${(error as Error).message}`,
          )
        } finally {
          await uploader.dispose()
          await opened.close(tally)
          world.emulator.faults.clear()
        }
        const lost = requests(operation, from).filter((entry) => entry.answerLost).length
        expect(lost, `${label}: the answer the fault lost`).toBe(1)
        // A lost Initiate answer leaves an empty upload on the server that nobody can name: a second one is expected.
        const initiatesExpected = operation === 'InitiateMultipartUpload' ? 2 : 1
        if (requests('InitiateMultipartUpload', from).length > initiatesExpected) restarts++
      }
      if (restarts > 0) {
        tally.note(
          `${restarts} of ${runs} runs started a second multipart upload and sent the whole file again`,
        )
      }
      expect(restarts, 'runs that started over').toBe(0)
      expectClean(finishScenario(world, tally))
    },
  )

  it.each(PLATFORMS)(
    '%s: a lost CompleteMultipartUpload answer does not make vodup send the file again',
    async (platform) => {
      const from = world.emulator.requests().length
      const { opened, uploader, bytes } = await session(
        platform,
        'upload-auth',
        5 * PART,
        'lost complete',
      )
      world.emulator.faults.loseAnswer({ operation: 'CompleteMultipartUpload' })
      try {
        const result = await uploader.upload(opened.input)
        expect(
          Buffer.compare(world.emulator.getObject(result.bucket, result.objectKey)!, bytes),
        ).toBe(0)
        expect(requests('InitiateMultipartUpload', from), 'one multipart upload').toHaveLength(1)
        expect(requests('UploadPart', from), 'each part sent once').toHaveLength(5)
      } finally {
        await uploader.dispose()
        await opened.close(new Tally('x', 'x', platform))
      }
    },
  )

  it.each(PLATFORMS)(
    '%s: the answer of the retried Complete lost too does not fail an upload whose object is complete',
    async (platform) => {
      const from = world.emulator.requests().length
      const { opened, uploader, bytes } = await session(
        platform,
        'upload-auth',
        4 * PART,
        'lost complete twice',
      )
      world.emulator.faults.loseAnswer({ operation: 'CompleteMultipartUpload', count: 2 })
      try {
        const file = uploader.addFile(opened.input)
        await uploader.start()
        expect(file.error?.code, 'the upload must not be reported as failed').toBeUndefined()
        expect(file.state).toBe('success')
        const { bucket, objectKey } = file.destination!
        expect(
          Buffer.compare(world.emulator.getObject(bucket, objectKey)!, bytes),
          'the object is complete',
        ).toBe(0)
        const completes = requests('CompleteMultipartUpload', from)
        expect(completes.map((entry) => [entry.status, entry.answerLost ?? false])).toEqual([
          [200, true],
          [404, true],
          [404, false],
        ])
      } finally {
        await uploader.dispose()
        await opened.close(new Tally('x', 'x', platform))
      }
    },
  )
})
