import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { FileTask } from '@vodup/core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { captureConsole, codeOf } from './support/observe'
import { openPlatform, type Platform, watchUploader } from './support/platform'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB, MiB } from './support/scale'
import type { AuthMode } from './support/stacks'
import { finishScenario, verifyObject } from './support/verify'
import { createWorld, type World } from './support/world'

const require = createRequire(import.meta.url)
const OSS = require('ali-oss') as new (
  options: Record<string, unknown>,
) => { abortMultipartUpload(name: string, uploadId: string): Promise<unknown> }

/**
 * An upload stops after a few parts, its multipart upload is aborted on the server (with the official ali-oss
 * client, as an operator or a lifecycle rule would), and the app starts again from its checkpoint, which names the
 * stale upload id: vodup must notice (NoSuchUpload), start a new multipart upload and complete it.
 */
const PLATFORMS: Platform[] = ['Node', 'mini program']
const MODES: AuthMode[] = ['upload-auth', 'sts']
const PART_SIZE = 100 * KiB

const random = createRandom(inject('faultsSeed')).fork('stale-upload')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('stale')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

describe('a stale upload id (aborted on the server) in a checkpoint', () => {
  it.each(PLATFORMS.map((platform, i) => ({ platform, i })))(
    '$platform: the upload starts over and completes',
    async ({ platform, i }) => {
      const { emulator } = world
      const tally = new Tally(
        `05-${i}`,
        'Stale upload id (aborted on the server) in a checkpoint',
        platform,
      )
      emulator.clearRequests()
      const runs = atScale({ ci: 2, full: 10 })
      for (let index = 0; index < runs; index++) {
        const mode = MODES[index % MODES.length]
        const size = random.int(600 * KiB, atScale({ ci: 900 * KiB, full: 3 * MiB }))
        const bytes = fileBytes(size, random)
        const label = `stale ${platform} run ${index}`
        const session = await openPlatform(
          world,
          platform,
          join(world.dir, `stale-${i}-${index}`),
          bytes,
          label,
        )
        const options = { partSize: PART_SIZE, concurrency: 2 }
        tally.row.runs++
        tally.row.expected++

        const first = await session.uploader(mode, options)
        watchUploader(world, tally, first, `${label} first session`)
        const stopAfter = random.int(1, Math.ceil(size / PART_SIZE) - 2)
        let acknowledged = 0
        first.hooks.partUploaded.tap('faults', () => {
          if (++acknowledged === stopAfter) void first.stop()
        })
        const file: FileTask = first.addFile(session.input)
        await first.start()
        expect(file.state).toBe('stopped')
        const staleId = file.uploadId as string
        const destination = file.destination!
        await first.dispose()
        const oss = new OSS({
          endpoint: emulator.url,
          region: `oss-${emulator.region}`,
          bucket: destination.bucket,
          accessKeyId: emulator.accessKeyId,
          accessKeySecret: emulator.accessKeySecret,
        })
        await oss.abortMultipartUpload(destination.objectKey, staleId)
        expect(emulator.listMultipartUploads().some((u) => u.uploadId === staleId)).toBe(false)

        const second = await session.uploader(mode, options)
        watchUploader(world, tally, second, `${label} second session`)
        try {
          const result = await second.upload(session.input)
          tally.row.completed++
          verifyObject(world, tally, result, bytes)
        } catch (error) {
          world.watch.record(`${label} rejection`, error)
          tally.note(`run ${index} (${mode}) failed: ${codeOf(error)} ${(error as Error).message}`)
        } finally {
          await second.dispose()
          await session.close(tally)
        }
      }
      const log = emulator.requests()
      const stale = log.filter((e) => e.code === 'NoSuchUpload').length
      const initiated = log.filter((e) => e.operation === 'InitiateMultipartUpload').length
      tally.note(
        `${stale} requests answered NoSuchUpload; ${initiated} multipart uploads initiated for ${runs} files`,
      )
      const row = finishScenario(world, tally)
      expectClean(row)
      expect(stale).toBeGreaterThanOrEqual(runs)
      expect(initiated).toBe(2 * runs)
    },
  )
})
