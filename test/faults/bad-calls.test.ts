import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isUploadError, type Uploader } from '@vodup/core'
import { createWxDouble, type WxDouble } from '@vodup/transport-wx/double'
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
import { finishScenario, verifyObject } from './support/verify'
import {
  loadVODUpload,
  type UploadInfoLike,
  until,
  type VODUploadLike,
  vodUploadApp,
} from './support/vodupload-app'
import { createWorld, type World } from './support/world'

/**
 * Indexes out of range for deleteFile / cancelFile / resumeFile, and calls in the wrong state (resume a file that
 * is not canceled, cancel an uploaded one, answer credentials nobody asked for, unknown ids), generated with
 * fast-check against a list holding an uploaded, a failed, a canceled and a ready file. Each is refused (the
 * documented `false`, or an UploadError with a stable code) and the list stays as it was.
 */
const seed = inject('faultsSeed')
const random = createRandom(seed).fork('bad-calls')
const numRuns = atScale({ ci: 150, full: 2000 })
let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('calls')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

/** A VODUpload in a mini program whose list is [Success, Failure, Canceled, Ready]. */
async function vodUploadWithFourFiles(tally: Tally, double: WxDouble) {
  const { VODUpload } = await loadVODUpload(double.wx)
  let refuseNext = false
  const app = vodUploadApp(VODUpload, world, 'upload-auth', (info, vod) => {
    if (!refuseNext) return false
    refuseNext = false
    vod.setUploadAuthAndAddress(info, 'not base64!', 'not base64!')
    return true
  })
  const { uploader, calls } = app
  watchUploader(world, tally, uploader.uploader, 'bad calls')
  tally.countErrors = false
  const ends = () => calls.filter((c) => c.name === 'onUploadEnd').length
  const add = (bytes: Uint8Array, name: string) =>
    uploader.addFile({ url: double.files.create(bytes, { name }) }, null, null, null, '{"Vod":{}}')

  const good = fileBytes(250 * KiB, random)
  add(good, 'uploaded.mp4')
  uploader.startUpload()
  await until(() => ends() === 1, 'the first file')
  tally.row.expected++
  const [first] = uploader.listFiles()
  if (first.state === 'Success') tally.row.completed++
  verifyObject(
    world,
    tally,
    { bucket: first.bucket as string, objectKey: first.object as string },
    good,
  )

  refuseNext = true
  add(fileBytes(KiB, random), 'failed.mp4')
  uploader.startUpload()
  await until(() => ends() === 2, 'the failing file')
  add(fileBytes(KiB, random), 'canceled.mp4')
  expect(uploader.cancelFile(2)).toBe(true)
  await until(() => uploader.listFiles()[2].state === 'Canceled', 'the cancel')
  add(fileBytes(KiB, random), 'ready.mp4')
  expect(uploader.listFiles().map((info) => info.state)).toEqual([
    'Success',
    'Failure',
    'Canceled',
    'Ready',
  ])
  tally.countErrors = true
  return { uploader, calls }
}

/** Anything that is not an index of a four-file list. */
const outOfRange = fc.oneof(
  fc.integer({ min: 4, max: 1e9 }),
  fc.integer({ min: -1e9, max: -1 }),
  fc.double().filter((v) => !Number.isInteger(v)),
  fc.string({ maxLength: 4 }),
  fc.constantFrom<unknown>(null, undefined, true, false, {}, [], [1], '0', '1', 4, -1),
)

describe('indexes out of range and calls in the wrong state', () => {
  it('mini program, VODUpload deleteFile / cancelFile / resumeFile: false for an index out of range, the list kept', async () => {
    const tally = new Tally(
      '11-0',
      'Indexes out of range for deleteFile / cancelFile / resumeFile',
      'mini program (VODUpload)',
    )
    const double = createWxDouble()
    const { uploader } = await vodUploadWithFourFiles(tally, double)
    fc.assert(
      fc.property(
        fc.constantFrom('deleteFile', 'cancelFile', 'resumeFile'),
        outOfRange,
        (method, index) => {
          tally.row.runs++
          const before = snapshotList(uploader.listFiles())
          const answer = (uploader[method as 'deleteFile'] as (i: unknown) => unknown)(index)
          expect(answer, `${method}(${String(index)})`).toBe(false)
          tally.error('false')
          expectListKept(before, uploader.listFiles(), `after ${method}(${String(index)})`)
          expect(uploader.listFiles()).toHaveLength(4)
        },
      ),
      { seed, numRuns },
    )
    double.dispose()
    expectClean(finishScenario(world, tally))
  })

  it('mini program, VODUpload: calls in the wrong state are refused, the list kept', async () => {
    const tally = new Tally('11-1', 'Calls in the wrong state', 'mini program (VODUpload)')
    const double = createWxDouble()
    const { uploader } = await vodUploadWithFourFiles(tally, double)
    const [uploaded, failed, canceled] = uploader.listFiles()
    const answer = await world.server.createUploadVideo('late.mp4')
    const sts = await world.server.assumeRole()
    type Call = {
      name: string
      run: (vod: VODUploadLike) => unknown
      expected: false | 'INVALID_ARGUMENT' | 'ignored'
    }
    const notUploadInfo = fc.oneof(
      fc.constantFrom<unknown>(undefined, null, 0, 'info', [], {}),
      fc.constant({ ...uploaded }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    )
    const calls: fc.Arbitrary<Call> = fc.oneof(
      fc.constantFrom(0, 1, 3).map((i) => ({
        name: `resumeFile(${i}), not canceled`,
        run: (v: VODUploadLike) => v.resumeFile(i),
        expected: false as const,
      })),
      fc.constant({
        name: 'cancelFile(0), uploaded',
        run: (v: VODUploadLike) => v.cancelFile(0),
        expected: false as const,
      }),
      fc.anything().map((auth) => ({
        name: 'resumeUploadWithAuth, nothing expired',
        run: (v: VODUploadLike) => v.resumeUploadWithAuth(auth),
        expected: false as const,
      })),
      fc.constant({
        name: 'resumeUploadWithAuth(valid), nothing expired',
        run: (v: VODUploadLike) => v.resumeUploadWithAuth(answer.UploadAuth),
        expected: false as const,
      }),
      fc.constant({
        name: 'resumeUploadWithSTSToken, nothing expired',
        run: (v: VODUploadLike) =>
          v.resumeUploadWithSTSToken(sts.AccessKeyId, sts.AccessKeySecret, sts.SecurityToken),
        expected: false as const,
      }),
      fc.constantFrom<UploadInfoLike>(uploaded, failed, canceled).map((info) => ({
        name: `setUploadAuthAndAddress for a ${info.state} file`,
        run: (v: VODUploadLike) =>
          v.setUploadAuthAndAddress(info, answer.UploadAuth, answer.UploadAddress, answer.VideoId),
        expected: false as const,
      })),
      fc.constantFrom<UploadInfoLike>(uploaded, failed, canceled).map((info) => ({
        name: `setSTSToken for a ${info.state} file`,
        run: (v: VODUploadLike) =>
          v.setSTSToken(info, sts.AccessKeyId, sts.AccessKeySecret, sts.SecurityToken),
        expected: false as const,
      })),
      notUploadInfo.map((info) => ({
        name: 'setUploadAuthAndAddress without an uploadInfo',
        run: (v: VODUploadLike) =>
          v.setUploadAuthAndAddress(info, answer.UploadAuth, answer.UploadAddress),
        expected: 'INVALID_ARGUMENT' as const,
      })),
      notUploadInfo.map((info) => ({
        name: 'setSTSToken without an uploadInfo',
        run: (v: VODUploadLike) =>
          v.setSTSToken(info, sts.AccessKeyId, sts.AccessKeySecret, sts.SecurityToken),
        expected: 'INVALID_ARGUMENT' as const,
      })),
      fc.constant({
        name: 'stopUpload, not started',
        run: (v: VODUploadLike) => v.stopUpload(),
        expected: 'ignored' as const,
      }),
    )
    fc.assert(
      fc.property(calls, (call) => {
        tally.row.runs++
        const before = snapshotList(uploader.listFiles())
        let thrown: unknown
        let returned: unknown
        try {
          returned = call.run(uploader)
        } catch (error) {
          thrown = error
        }
        if (call.expected === 'INVALID_ARGUMENT') {
          world.watch.record('bad call error', thrown)
          expect(isUploadError(thrown), `${call.name}: ${String(thrown)}`).toBe(true)
          expect(codeOf(thrown)).toBe('INVALID_ARGUMENT')
          tally.error('INVALID_ARGUMENT')
        } else {
          expect(thrown, call.name).toBeUndefined()
          expect(returned, call.name).toBe(call.expected === false ? false : undefined)
          tally.error(call.expected === false ? 'false' : 'ignored')
        }
        expectListKept(before, uploader.listFiles(), `after ${call.name}`)
        expect(uploader.listFiles()).toHaveLength(4)
      }),
      { seed, numRuns },
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(uploader.listFiles().map((info) => info.state)).toEqual([
      'Success',
      'Failure',
      'Canceled',
      'Ready',
    ])
    double.dispose()
    expectClean(finishScenario(world, tally))
  })

  it('Node, createUploader: unknown ids and calls in the wrong state throw typed errors, the list kept', async () => {
    const tally = new Tally('11-2', 'Calls in the wrong state', 'Node (createUploader)')
    const dir = join(world.dir, 'calls-node')
    await mkdir(dir, { recursive: true })
    const file = async (name: string, size: number) => {
      const bytes = fileBytes(size, random)
      await writeFile(join(dir, name), bytes)
      return { path: join(dir, name), bytes }
    }
    const uploader: Uploader = nodeUploader(
      world,
      { mode: 'upload-auth', options: {} },
      join(dir, 'checkpoints'),
    )
    watchUploader(world, tally, uploader, 'bad calls')
    tally.countErrors = false
    const good = await file('uploaded.mp4', 250 * KiB)
    tally.row.expected++
    verifyObject(world, tally, await uploader.upload({ path: good.path }), good.bytes)
    tally.row.completed++
    await expect(uploader.upload({ path: join(dir, 'missing.mp4') })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    })
    const canceled = uploader.addFile({ path: (await file('canceled.mp4', KiB)).path })
    await uploader.cancelFile(canceled.id)
    uploader.addFile({ path: (await file('ready.mp4', KiB)).path })
    const list = uploader.listFiles()
    expect(list.map((f) => f.state)).toEqual(['success', 'failure', 'canceled', 'ready'])
    tally.countErrors = true
    const ids = new Set(list.map((f) => f.id))
    const unknownId = fc.string({ maxLength: 12 }).filter((id) => !ids.has(id))
    type Call = { name: string; run: () => unknown; code: string }
    const calls: fc.Arbitrary<Call> = fc.oneof(
      unknownId.map((id) => ({
        name: `cancelFile("${id}")`,
        run: () => uploader.cancelFile(id),
        code: 'INVALID_ARGUMENT',
      })),
      unknownId.map((id) => ({
        name: `removeFile("${id}")`,
        run: () => uploader.removeFile(id),
        code: 'INVALID_ARGUMENT',
      })),
      unknownId.map((id) => ({
        name: `resumeFile("${id}")`,
        run: () => uploader.resumeFile(id),
        code: 'INVALID_ARGUMENT',
      })),
      fc.constantFrom(0, 1, 3).map((i) => ({
        name: `resumeFile of a ${list[i].state} file`,
        run: () => uploader.resumeFile(list[i].id),
        code: 'INVALID_STATE',
      })),
      fc.constant({
        name: 'cancelFile of an uploaded file',
        run: () => uploader.cancelFile(list[0].id),
        code: 'INVALID_STATE',
      }),
      fc.constantFrom(0, 1, 2, 3).map((i) => ({
        name: `addFile of the ${list[i].state} file again`,
        run: () => uploader.addFile(list[i].input),
        code: 'INVALID_ARGUMENT',
      })),
      fc.oneof(fc.integer(), fc.string(), fc.constant(null)).map((options) => ({
        name: 'addFile with options that are no object',
        run: () => uploader.addFile({ path: good.path }, options as never),
        code: 'INVALID_ARGUMENT',
      })),
      fc.oneof(fc.integer(), fc.string({ minLength: 1 }), fc.array(fc.string())).map((meta) => ({
        name: 'addFile with a meta that is no object',
        run: () => uploader.addFile({ path: join(dir, 'other.mp4') }, { meta: meta as never }),
        code: 'INVALID_ARGUMENT',
      })),
    )
    await fc.assert(
      fc.asyncProperty(calls, async (call) => {
        tally.row.runs++
        const before = snapshotList(uploader.listFiles())
        let thrown: unknown
        try {
          await call.run()
        } catch (error) {
          thrown = error
        }
        world.watch.record('bad call error', thrown)
        tally.error(codeOf(thrown))
        expect(isUploadError(thrown), `${call.name}: ${String(thrown)}`).toBe(true)
        expect(codeOf(thrown), call.name).toBe(call.code)
        expectListKept(before, uploader.listFiles(), `after ${call.name}`)
        expect(uploader.listFiles()).toHaveLength(4)
      }),
      { seed, numRuns },
    )
    expect(uploader.getFile('no such id')).toBeUndefined()
    await uploader.dispose()
    expectClean(finishScenario(world, tally))
  })
})
