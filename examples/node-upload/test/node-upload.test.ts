import { type RunningAppServer, startAppServer } from '@vodup-example/app-server'
import { createVodUploader, progressLine, uploadFiles } from '@vodup-example/node-upload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { KiB, patternBytes, sameBytes, testDir, useTempDir } from '#test-support'

let server: RunningAppServer
const work = useTempDir()

beforeAll(async () => {
  server = await startAppServer({ PORT: '0' })
})
afterAll(() => server.stop())
beforeEach(() => server.emulator!.clearRequests())

let filesMade = 0
/** A file of `size` bytes, other bytes than any file before it. */
async function makeFile(name: string, size: number) {
  const bytes = patternBytes(size, ++filesMade)
  return { path: await work.write(name, bytes), bytes }
}

/** A new uploader; its checkpoints go to `checkpointDir`, a fresh directory unless given. */
const uploaderWith = async (checkpointDir?: string) =>
  createVodUploader({
    appServerUrl: server.url,
    checkpointDir: checkpointDir ?? (await testDir()).dir,
    partSize: 256 * KiB,
  })
const emulator = () => server.emulator!
const log = (operation: string) =>
  emulator()
    .requests()
    .filter((r) => r.operation === operation)

describe('the node-upload script', () => {
  it('uploads several files, and the emulator holds the same bytes', async () => {
    const files = [await makeFile('one.mp4', 900 * KiB), await makeFile('two.mov', 120 * KiB)]
    const uploader = await uploaderWith()
    const summary = await uploadFiles(
      uploader,
      files.map((f) => f.path),
    )
    await uploader.dispose()

    expect(summary.succeeded.map((f) => f.name)).toEqual(['one.mp4', 'two.mov'])
    for (const [i, task] of summary.succeeded.entries()) {
      const result = task.result!
      expect(sameBytes(emulator().getObject(result.bucket, result.objectKey), files[i].bytes)).toBe(
        true,
      )
    }
    expect(log('CreateUploadVideo')).toHaveLength(2)
  })

  it('resumes in a new uploader after a stop without sending acknowledged parts again', async () => {
    const file = await makeFile('resume.mp4', 1000 * KiB)
    const checkpointDir = (await testDir()).dir
    const first = await uploaderWith(checkpointDir)
    first.hooks.partUploaded.tap('test', () => {
      void first.stop()
    })
    const stopped = await uploadFiles(first, [file.path])
    await first.dispose()
    expect(stopped.stopped).toHaveLength(1)
    const sentBefore = log('UploadPart').length

    const second = await uploaderWith(checkpointDir)
    const summary = await uploadFiles(second, [file.path])
    await second.dispose()

    const result = summary.succeeded[0].result!
    expect(result.partsResumed).toBe(sentBefore)
    const partNumbers = log('UploadPart').map((r) => r.partNumber)
    expect(new Set(partNumbers).size).toBe(partNumbers.length)
    expect(log('RefreshUploadVideo')).toHaveLength(1)
    expect(sameBytes(emulator().getObject(result.bucket, result.objectKey), file.bytes)).toBe(true)
  })

  it('asks the app server for RefreshUploadVideo when the credentials expire mid-upload', async () => {
    const file = await makeFile('expiry.mp4', 800 * KiB)
    const uploader = await uploaderWith()
    let expired = false
    uploader.hooks.partUploaded.tap('test', () => {
      if (!expired) emulator().faults.expireAllTokens()
      expired = true
    })
    const summary = await uploadFiles(uploader, [file.path])
    await uploader.dispose()

    expect(summary.succeeded).toHaveLength(1)
    expect(log('RefreshUploadVideo')).toHaveLength(1)
    const result = summary.succeeded[0].result!
    expect(sameBytes(emulator().getObject(result.bucket, result.objectKey), file.bytes)).toBe(true)
  })

  it('fails a missing file with FILE_NOT_FOUND and uploads the others', async () => {
    const good = await makeFile('good.mp4', 10 * KiB)
    const uploader = await uploaderWith()
    const summary = await uploadFiles(uploader, [work.path('missing.mp4'), good.path])
    await uploader.dispose()
    expect(summary.failed.map((f) => [f.name, f.error?.code])).toEqual([
      ['missing.mp4', 'FILE_NOT_FOUND'],
    ])
    expect(summary.succeeded.map((f) => f.name)).toEqual(['good.mp4'])
  })
})

describe('progressLine', () => {
  it('shows percent, sizes, speed and time left once measured', () => {
    const base = { fileId: 'f', loaded: 3 * 1024 * 1024, total: 10 * 1024 * 1024, percent: 30 }
    expect(progressLine('a.mp4', { ...base, speed: 0, etaSeconds: undefined })).toBe(
      'a.mp4  30.0 %  3.0 / 10.0 MiB',
    )
    expect(progressLine('a.mp4', { ...base, speed: 2 * 1024 * 1024, etaSeconds: 3.2 })).toBe(
      'a.mp4  30.0 %  3.0 / 10.0 MiB  2.0 MiB/s  ETA 4 s',
    )
  })
})
