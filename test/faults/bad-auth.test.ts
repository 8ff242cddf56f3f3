import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isUploadError, type Uploader } from '@vodup/core'
import { createWxDouble, type WxDouble } from '@vodup/transport-wx/double'
import { decodeAnswer, toAuthorization } from '@vodup/vod'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { badAnswer, PLANTED, plainHttpAnswer } from './support/auth-arbitraries'
import { expectClean } from './support/expect-clean'
import { Tally } from './support/ledger'
import { expectListKept, snapshotList } from './support/list-snapshot'
import { captureConsole, codeOf } from './support/observe'
import { watchUploader } from './support/platform'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB } from './support/scale'
import { nodeUploader } from './support/stacks'
import { finishScenario, verifyObject } from './support/verify'
import { loadVODUpload, type UploadInfoLike, until, vodUploadApp } from './support/vodupload-app'
import { createWorld, type World } from './support/world'

/**
 * Malformed UploadAuth / UploadAddress strings, generated with fast-check: not base64, not UTF-8, not JSON, not an
 * object, a field missing or of the wrong type. Each must be refused with AUTH_INVALID naming the field, without
 * quoting a secret, and without touching the files already in the list.
 */
const SCENARIO = 'Bad UploadAuth / UploadAddress strings'
const seed = inject('faultsSeed')
const random = createRandom(seed).fork('bad-auth')
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('bad-auth')
  world.watch.addSecret(PLANTED.accessKeySecret)
  world.watch.addSecret(PLANTED.securityToken)
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

function expectAuthInvalid(error: unknown): void {
  world.watch.record(`${SCENARIO} error`, error)
  expect(isUploadError(error), String(error)).toBe(true)
  expect(codeOf(error)).toBe('AUTH_INVALID')
  expect((error as { field?: string }).field).toMatch(/^(UploadAuth|UploadAddress)\b/)
}

describe(SCENARIO, () => {
  it('the decoders refuse each as a first answer with AUTH_INVALID naming the field', () => {
    const tally = new Tally('07-0', SCENARIO, 'decoders (every platform)')
    fc.assert(
      fc.property(badAnswer(world.emulator.url), (answer) => {
        tally.row.runs++
        let thrown: unknown
        try {
          toAuthorization(decodeAnswer(answer))
        } catch (error) {
          thrown = error
        }
        tally.error(codeOf(thrown))
        expectAuthInvalid(thrown)
      }),
      { seed, numRuns: atScale({ ci: 300, full: 5000 }) },
    )
    expectClean(finishScenario(world, tally))
  })

  it('Node, createUploader + uploadAuth(): the file fails with AUTH_INVALID, the list is kept', async () => {
    const tally = new Tally('07-1', SCENARIO, 'Node (createUploader)')
    const dir = join(world.dir, 'bad-auth-node')
    await mkdir(dir, { recursive: true })
    const answers = new Map<string, unknown>()
    const uploader: Uploader = nodeUploader(
      world,
      {
        mode: 'upload-auth',
        options: { partSize: 100 * KiB },
        answer: (file) => answers.get(file.name),
      },
      join(dir, 'checkpoints'),
    )
    watchUploader(world, tally, uploader, SCENARIO)
    const good = fileBytes(250 * KiB, random)
    await writeFile(join(dir, 'good.mp4'), good)
    tally.row.expected++
    verifyObject(world, tally, await uploader.upload({ path: join(dir, 'good.mp4') }), good)
    tally.row.completed++

    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(badAnswer(world.emulator.url), plainHttpAnswer()),
        async (answer) => {
          tally.row.runs++
          const name = `bad-${n++}.mp4`
          await writeFile(join(dir, name), fileBytes(1024, random))
          answers.set(name, answer)
          const before = snapshotList(uploader.listFiles())
          const error = await uploader.upload({ path: join(dir, name) }).then(
            () => undefined,
            (e: unknown) => e,
          )
          expectAuthInvalid(error)
          expectListKept(before, uploader.listFiles(), 'after a refused UploadAuth')
          const refused = uploader.listFiles().at(-1)!
          expect(refused.state).toBe('failure')
          await uploader.removeFile(refused.id)
        },
      ),
      { seed, numRuns: atScale({ ci: 25, full: 300 }) },
    )
    await uploader.dispose()
    expectClean(finishScenario(world, tally))
  })

  it('mini program, VODUpload.setUploadAuthAndAddress: false, the file fails with AUTH_INVALID, the list is kept', async () => {
    const tally = new Tally('07-2', SCENARIO, 'mini program (VODUpload)')
    const double: WxDouble = createWxDouble()
    const { VODUpload } = await loadVODUpload(double.wx)
    const pending = new Map<string, { uploadAuth: unknown; uploadAddress: unknown }>()
    const answered: boolean[] = []
    const { uploader, calls } = vodUploadApp(VODUpload, world, 'upload-auth', (info, vod) => {
      const bad = pending.get(info.url as string)
      if (!bad) return false
      answered.push(vod.setUploadAuthAndAddress(info, bad.uploadAuth, bad.uploadAddress, 'vid'))
      return true
    })
    watchUploader(world, tally, uploader.uploader, SCENARIO)
    const ends = () => calls.filter((c) => c.name === 'onUploadEnd').length
    const good = fileBytes(250 * KiB, random)
    uploader.addFile(
      { url: double.files.create(good, { name: 'good.mp4' }) },
      null,
      null,
      null,
      '{"Vod":{}}',
    )
    uploader.startUpload()
    await until(() => ends() === 1, 'the good file')
    tally.row.expected++
    const [info] = uploader.listFiles()
    expect(info.state).toBe('Success')
    tally.row.completed++
    verifyObject(
      world,
      tally,
      { bucket: info.bucket as string, objectKey: info.object as string },
      good,
    )

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(badAnswer(world.emulator.url), plainHttpAnswer()),
        async (answer) => {
          tally.row.runs++
          const url = double.files.create(fileBytes(1024, random), { name: 'bad.mp4' })
          pending.set(url, answer)
          const before = snapshotList(uploader.listFiles())
          const endsBefore = ends()
          expect(uploader.addFile({ url }, null, null, null, '{"Vod":{}}')).toBe(true)
          uploader.startUpload()
          await until(() => ends() > endsBefore, 'the refused file to end')
          // An absent UploadAddress is allowed in a refresh, so it is refused once the file needs a destination.
          const absentAddress = answer.uploadAddress === undefined || answer.uploadAddress === null
          if (!absentAddress)
            expect(answered.at(-1), 'setUploadAuthAndAddress answers false').toBe(false)
          const failure = calls.filter((c) => c.name === 'onUploadFailed').at(-1)
          expect(failure, 'onUploadFailed').toBeDefined()
          const [failedInfo, code, , error] = failure!.args
          expect((failedInfo as UploadInfoLike).url).toBe(url)
          expect(code).toBe('AUTH_INVALID')
          expectAuthInvalid(error)
          expectListKept(before, uploader.listFiles(), 'after a refused UploadAuth')
          expect(uploader.deleteFile(before.items.length)).toBe(true)
          expect(uploader.listFiles()).toHaveLength(before.items.length)
        },
      ),
      { seed, numRuns: atScale({ ci: 25, full: 300 }) },
    )
    double.dispose()
    expectClean(finishScenario(world, tally))
  })
})
