import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { isUploadError, type Uploader } from '@vodup/core'
import { createWxDouble, type WxDouble } from '@vodup/transport-wx/double'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { expectClean } from './support/expect-clean'
import {
  type Change,
  type FileMaker,
  malformedInput,
  nodeFiles,
  wxFiles,
} from './support/file-makers'
import { Tally } from './support/ledger'
import { expectListKept, snapshotList } from './support/list-snapshot'
import { captureConsole, codeOf } from './support/observe'
import { type Platform, watchUploader } from './support/platform'
import { createRandom, fileBytes } from './support/random'
import { atScale, KiB } from './support/scale'
import { miniProgramUploader, nodeUploader } from './support/stacks'
import { finishScenario, verifyObject } from './support/verify'
import { loadVODUpload, until, vodUploadApp } from './support/vodupload-app'
import { createWorld, type World } from './support/world'

/**
 * File descriptors an app may pass by mistake: not a file at all (refused by addFile with INVALID_ARGUMENT), a
 * path with nothing behind it (FILE_NOT_FOUND), a directory (FILE_NOT_READABLE), zero bytes (EMPTY_FILE: VOD
 * refuses empty media), a file changed during its upload (FILE_CHANGED, and no object on the server). The files
 * already in the list are kept, and a good file queued after the bad one still uploads.
 */
const SCENARIO = 'Bad file descriptors'
const seed = inject('faultsSeed')
const random = createRandom(seed).fork('bad-files')
const PART = 100 * KiB
const EXPECTED_CODE = {
  missing: 'FILE_NOT_FOUND',
  directory: 'FILE_NOT_READABLE',
  empty: 'EMPTY_FILE',
  changed: 'FILE_CHANGED',
} as const
type Kind = keyof typeof EXPECTED_CODE

let world: World
let restoreConsole: () => void

beforeAll(async () => {
  world = await createWorld('files')
  restoreConsole = captureConsole(world.watch)
})
afterAll(async () => {
  restoreConsole?.()
  await world?.stop()
})

async function checkBadFiles(
  tally: Tally,
  uploader: Uploader,
  files: FileMaker,
  kinds: Kind[],
): Promise<void> {
  const good = fileBytes(250 * KiB, random)
  tally.row.expected++
  verifyObject(world, tally, await uploader.upload(files.good(good)), good)
  tally.row.completed++

  fc.assert(
    fc.property(malformedInput, (input) => {
      tally.row.runs++
      const before = snapshotList(uploader.listFiles())
      let thrown: unknown
      try {
        uploader.addFile(input)
      } catch (error) {
        thrown = error
      }
      tally.error(codeOf(thrown))
      world.watch.record(`${SCENARIO} error`, thrown)
      expect(isUploadError(thrown), String(thrown)).toBe(true)
      expect(codeOf(thrown)).toBe('INVALID_ARGUMENT')
      expectListKept(before, uploader.listFiles(), 'after a refused input')
      expect(uploader.listFiles()).toHaveLength(before.items.length)
    }),
    { seed, numRuns: atScale({ ci: 100, full: 1000 }) },
  )

  let changeRequest: { id: string; change: (how: Change) => void; how: Change } | undefined
  uploader.hooks.partUploaded.tap('faults', (file) => {
    if (changeRequest?.id !== file.id) return
    changeRequest.change(changeRequest.how)
    changeRequest = undefined
  })
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...kinds),
      fc.constantFrom<Change>('append', 'truncate', 'rewrite'),
      async (kind, how) => {
        tally.row.runs++
        const before = snapshotList(uploader.listFiles())
        let input: unknown
        let change: ((how: Change) => void) | undefined
        if (kind === 'changed') {
          const changing = files.changing(fileBytes(7 * PART + 5, random))
          input = changing.input
          change = changing.change
        } else input = kind === 'directory' ? files.directory?.() : files[kind]()
        const bad = uploader.addFile(input)
        if (change) changeRequest = { id: bad.id, change, how }
        const after = fileBytes(120 * KiB, random)
        const next = uploader.addFile(files.good(after))
        tally.row.expected++
        await uploader.start()
        expect(bad.state, `${kind}: ${bad.error?.message}`).toBe('failure')
        expect(bad.error?.code).toBe(EXPECTED_CODE[kind])
        world.watch.record(`${SCENARIO} error`, bad.error)
        if (kind === 'changed' && bad.destination) {
          const { bucket, objectKey } = bad.destination
          expect(
            world.emulator.getObject(bucket, objectKey),
            'no object from a changed file',
          ).toBeUndefined()
        }
        expect(next.state, 'the next file uploads').toBe('success')
        tally.row.completed++
        verifyObject(world, tally, next.result!, after)
        expectListKept(before, uploader.listFiles(), `after a ${kind} file`)
        await uploader.removeFile(bad.id)
        await uploader.removeFile(next.id)
      },
    ),
    { seed, numRuns: atScale({ ci: 12, full: 120 }) },
  )
}

describe(SCENARIO, () => {
  it.each([
    { platform: 'Node' as Platform, i: 0 },
    { platform: 'mini program' as Platform, i: 1 },
  ])(
    '$platform, createUploader: typed errors, the list kept, the next file uploaded',
    async ({ platform, i }) => {
      const tally = new Tally(`10-${i}`, SCENARIO, `${platform} (createUploader)`)
      const dir = join(world.dir, `files-${i}`)
      await mkdir(dir, { recursive: true })
      let double: WxDouble | undefined
      let uploader: Uploader
      let files: FileMaker
      const options = { partSize: PART, concurrency: 1 }
      if (platform === 'Node') {
        uploader = nodeUploader(world, { mode: 'upload-auth', options }, join(dir, 'checkpoints'))
        files = nodeFiles(dir)
      } else {
        double = createWxDouble()
        uploader = await miniProgramUploader(world, double, { mode: 'sts', options })
        files = wxFiles(double)
      }
      watchUploader(world, tally, uploader, SCENARIO)
      const kinds: Kind[] =
        platform === 'Node'
          ? ['missing', 'directory', 'empty', 'changed']
          : ['missing', 'empty', 'changed']
      await checkBadFiles(tally, uploader, files, kinds)
      await uploader.dispose()
      double?.dispose()
      expectClean(finishScenario(world, tally))
    },
  )

  // Known limit, kept as an expected failure so that a fix shows: WeChat's stat gives modification times in whole
  // seconds, so transport-wx cannot see a same-size rewrite within the second it last checked; the object on the
  // server then mixes old and new bytes.
  it.fails('known limit, mini program: a same-size rewrite within the same second fails with FILE_CHANGED', async () => {
    const double = createWxDouble()
    const uploader = await miniProgramUploader(world, double, {
      mode: 'upload-auth',
      options: { partSize: PART, concurrency: 1 },
    })
    const { input, change } = wxFiles(double).changing(fileBytes(5 * PART, random))
    let changed = false
    uploader.hooks.partUploaded.tap('faults', () => {
      if (!changed) change('rewrite-same-second')
      changed = true
    })
    try {
      await expect(uploader.upload(input)).rejects.toMatchObject({ code: 'FILE_CHANGED' })
    } finally {
      await uploader.dispose()
      double.dispose()
    }
  })

  it('mini program, VODUpload.addFile: false for no file or the same file, INVALID_ARGUMENT for a malformed one', async () => {
    const tally = new Tally('10-2', SCENARIO, 'mini program (VODUpload)')
    const double = createWxDouble()
    const { VODUpload } = await loadVODUpload(double.wx)
    const { uploader, calls } = vodUploadApp(VODUpload, world, 'upload-auth')
    watchUploader(world, tally, uploader.uploader, SCENARIO)
    const good = fileBytes(250 * KiB, random)
    const url = double.files.create(good, { name: 'good.mp4' })
    uploader.addFile({ url }, null, null, null, '{"Vod":{}}')
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
    fc.assert(
      fc.property(
        fc.oneof(
          malformedInput
            .filter((input) => Boolean(input))
            .map((input) => ({ input, expect: 'refused' as const })),
          fc
            .constantFrom<unknown>(undefined, null, false, 0, '')
            .map((input) => ({ input, expect: false as const })),
          fc.constant({ input: { url }, expect: false as const }),
        ),
        ({ input, expect: outcome }) => {
          tally.row.runs++
          const before = snapshotList(uploader.listFiles())
          let thrown: unknown
          let added: boolean | undefined
          try {
            added = uploader.addFile(input)
          } catch (error) {
            thrown = error
          }
          if (outcome === false) {
            expect(thrown).toBeUndefined()
            expect(added).toBe(false)
            tally.error('false')
          } else {
            tally.error(codeOf(thrown))
            world.watch.record(`${SCENARIO} error`, thrown)
            expect(codeOf(thrown), String(thrown)).toBe('INVALID_ARGUMENT')
          }
          expectListKept(before, uploader.listFiles(), 'after a refused file')
          expect(uploader.listFiles()).toHaveLength(before.items.length)
        },
      ),
      { seed, numRuns: atScale({ ci: 100, full: 1000 }) },
    )
    double.dispose()
    expectClean(finishScenario(world, tally))
  })
})
