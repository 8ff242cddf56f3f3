import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import vm from 'node:vm'
import { isUploadError, type Uploader } from '@vodup/core'
import { createWxDouble } from '@vodup/transport-wx/double'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { expectListKept, snapshotList } from './support/list-snapshot'
import { captureConsole, codeOf } from './support/observe'
import { watchUploader } from './support/platform'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB } from './support/scale'
import { nodeUploader } from './support/stacks'
import {
  badUserDataText,
  badVodParameter,
  nonStringUserData,
  POLLUTION_KEY,
  pollutingUserData,
} from './support/user-data-arbitraries'
import { finishScenario, verifyObject } from './support/verify'
import { loadVODUpload, until, vodUploadApp } from './support/vodupload-app'
import { createWorld, type World } from './support/world'

/**
 * userData generated with fast-check: text that is not JSON, JSON that is not an object, a `Vod` that is not an
 * object, values VOD cannot take; and valid JSON that tries to reach a prototype. Bad userData is refused by
 * addFile with INVALID_ARGUMENT and the list is kept; no userData adds anything to Object.prototype.
 */
const seed = inject('faultsSeed')
const random = createRandom(seed).fork('bad-user-data')
let world: World
let restoreConsole: () => void
const hostPrototype = () => Object.getOwnPropertyNames(Object.prototype).sort()
const PROTOTYPE_BEFORE = hostPrototype()

beforeAll(async () => {
  world = await createWorld('user-data')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

function expectInvalidUserData(error: unknown): void {
  world.watch.record('userData error', error)
  expect(isUploadError(error), String(error)).toBe(true)
  expect(codeOf(error)).toBe('INVALID_ARGUMENT')
  expect((error as { field?: string }).field).toMatch(/^userData/)
}

function expectNoPollution(context?: vm.Context): void {
  expect(hostPrototype()).toEqual(PROTOTYPE_BEFORE)
  expect(({} as Record<string, unknown>)[POLLUTION_KEY]).toBeUndefined()
  if (context) {
    expect(vm.runInContext(`({})[${JSON.stringify(POLLUTION_KEY)}]`, context)).toBeUndefined()
    expect(
      vm.runInContext(`Object.prototype.hasOwnProperty(${JSON.stringify(POLLUTION_KEY)})`, context),
    ).toBe(false)
  }
}

async function nodeFile(dir: string, name: string, size = 2 * KiB) {
  const bytes = fileBytes(size, random)
  const path = join(dir, name)
  await writeFile(path, bytes)
  return { path, bytes }
}

describe('bad userData', () => {
  it('Node, createUploader + sts(): addFile refuses it with INVALID_ARGUMENT, the list is kept', async () => {
    const tally = new Tally('08-0', 'Bad userData', 'Node (createUploader)')
    const dir = join(world.dir, 'user-data-node')
    await mkdir(dir, { recursive: true })
    const uploader: Uploader = nodeUploader(
      world,
      { mode: 'sts', options: {} },
      join(dir, 'checkpoints'),
    )
    watchUploader(world, tally, uploader, 'bad userData')
    const good = await nodeFile(dir, 'good.mp4', 300 * KiB)
    tally.row.expected++
    verifyObject(world, tally, await uploader.upload({ path: good.path }), good.bytes)
    tally.row.completed++
    uploader.addFile({ path: (await nodeFile(dir, 'waiting.mp4')).path })
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(badUserDataText, badVodParameter, nonStringUserData),
        async (userData) => {
          tally.row.runs++
          const { path } = await nodeFile(dir, `bad-${n++}.mp4`)
          const before = snapshotList(uploader.listFiles())
          let thrown: unknown
          try {
            uploader.addFile({ path }, { meta: { userData: userData as string } })
          } catch (error) {
            thrown = error
          }
          tally.error(codeOf(thrown))
          expectInvalidUserData(thrown)
          expectListKept(before, uploader.listFiles(), 'after refused userData')
          expect(uploader.listFiles()).toHaveLength(before.items.length)
        },
      ),
      { seed, numRuns: atScale({ ci: 60, full: 1000 }) },
    )
    await uploader.dispose()
    expectClean(finishScenario(world, tally))
  })

  it('mini program, VODUpload.addFile: refused with INVALID_ARGUMENT, the list is kept', async () => {
    const tally = new Tally('08-1', 'Bad userData', 'mini program (VODUpload)')
    const double = createWxDouble()
    const { VODUpload } = await loadVODUpload(double.wx)
    const { uploader, calls } = vodUploadApp(VODUpload, world, 'upload-auth')
    watchUploader(world, tally, uploader.uploader, 'bad userData')
    const good = fileBytes(300 * KiB, random)
    uploader.addFile(
      { url: double.files.create(good, { name: 'good.mp4' }) },
      null,
      null,
      null,
      '{"Vod":{}}',
    )
    uploader.startUpload()
    await until(() => calls.some((c) => c.name === 'onUploadEnd'), 'the good file')
    tally.row.expected++
    const [info] = uploader.listFiles()
    if (info.state === 'Success') tally.row.completed++
    verifyObject(
      world,
      tally,
      { bucket: info.bucket as string, objectKey: info.object as string },
      good,
    )
    uploader.addFile({ url: double.files.create(fileBytes(KiB, random), { name: 'ready.mp4' }) })
    await fc.assert(
      fc.asyncProperty(fc.oneof(badUserDataText, nonStringUserData), async (userData) => {
        tally.row.runs++
        const url = double.files.create(fileBytes(KiB, random), { name: 'bad.mp4' })
        const before = snapshotList(uploader.listFiles())
        let thrown: unknown
        try {
          uploader.addFile({ url }, null, null, null, userData)
        } catch (error) {
          thrown = error
        }
        tally.error(codeOf(thrown))
        expectInvalidUserData(thrown)
        expectListKept(before, uploader.listFiles(), 'after refused userData')
        expect(uploader.listFiles()).toHaveLength(before.items.length)
      }),
      { seed, numRuns: atScale({ ci: 60, full: 1000 }) },
    )
    double.dispose()
    expectClean(finishScenario(world, tally))
  })
})

describe('userData cannot pollute prototypes', () => {
  it('Node, createUploader + sts(): uploads with the userData, Object.prototype gains nothing', async () => {
    const tally = new Tally(
      '08-2',
      'userData that reaches for a prototype',
      'Node (createUploader)',
    )
    const dir = join(world.dir, 'pollution-node')
    await mkdir(dir, { recursive: true })
    const uploader: Uploader = nodeUploader(
      world,
      { mode: 'sts', options: {} },
      join(dir, 'checkpoints'),
    )
    watchUploader(world, tally, uploader, 'polluting userData')
    let n = 0
    await fc.assert(
      fc.asyncProperty(pollutingUserData, async (userData) => {
        tally.row.runs++
        const { path, bytes } = await nodeFile(dir, `polluter-${n++}.mp4`)
        tally.row.expected++
        const result = await uploader.upload({ path }, { meta: { userData } })
        tally.row.completed++
        verifyObject(world, tally, result, bytes)
        expectNoPollution()
      }),
      { seed, numRuns: atScale({ ci: 20, full: 300 }) },
    )
    await uploader.dispose()
    expectClean(finishScenario(world, tally))
  })

  it('mini program, VODUpload (STS flow): uploads with the userData, no realm gains anything', async () => {
    const tally = new Tally(
      '08-3',
      'userData that reaches for a prototype',
      'mini program (VODUpload)',
    )
    const double = createWxDouble()
    const { VODUpload, context } = await loadVODUpload(double.wx)
    const { uploader, calls } = vodUploadApp(VODUpload, world, 'sts')
    watchUploader(world, tally, uploader.uploader, 'polluting userData')
    const ends = () => calls.filter((c) => c.name === 'onUploadEnd').length
    await fc.assert(
      fc.asyncProperty(pollutingUserData, async (userData) => {
        tally.row.runs++
        const bytes = fileBytes(2 * KiB, random)
        const endsBefore = ends()
        expect(
          uploader.addFile(
            { url: double.files.create(bytes, { name: 'polluter.mp4' }) },
            null,
            null,
            null,
            userData,
          ),
        ).toBe(true)
        tally.row.expected++
        uploader.startUpload()
        await until(() => ends() > endsBefore, 'the upload to end')
        const info = uploader.listFiles().at(-1)!
        expect(info.state).toBe('Success')
        tally.row.completed++
        verifyObject(
          world,
          tally,
          { bucket: info.bucket as string, objectKey: info.object as string },
          bytes,
        )
        expectNoPollution(context)
      }),
      { seed, numRuns: atScale({ ci: 20, full: 300 }) },
    )
    double.dispose()
    expectClean(finishScenario(world, tally))
  })
})
