import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createUploader } from '@vodup/core'
import { nodeTransport } from '@vodup/transport-node'
import { describe, expect, it } from 'vitest'
import {
  emulatorAuth,
  patternBytes,
  sameBytes,
  testDir,
  useEmulator,
  useTempDir,
} from '#test-support'
import { ossTarget } from '../src/index'
import { officialClient } from './oss-client'

const emulator = useEmulator()
const files = useTempDir()

const PART = 256 * 1024
const acknowledged = (from: number) =>
  emulator
    .requests()
    .slice(from)
    .filter((r) => r.operation === 'UploadPart' && r.status === 200)
    .map((r) => r.partNumber)

/** The checkpoint files in `checkpointDir`. */
const checkpointFiles = async (checkpointDir: string) =>
  (await readdir(checkpointDir).catch(() => [])).filter((name) => name.endsWith('.json'))

/** An uploader that keeps its checkpoints in `checkpointDir`: a new one over the same directory is a restart. */
const uploaderWith = (checkpointDir: string, concurrency?: number) =>
  createUploader([nodeTransport({ checkpointDir }), ossTarget(), emulatorAuth(emulator)], {
    partSize: PART,
    concurrency,
  })

/** Uploads until `stopAfter` parts were acknowledged, then stops: the checkpoint stays in `checkpointDir`. */
async function uploadPartly(path: string, checkpointDir: string, stopAfter: number) {
  const uploader = uploaderWith(checkpointDir, 1)
  let parts = 0
  uploader.hooks.partUploaded.tap('test', () => {
    if (++parts === stopAfter) void uploader.stop()
  })
  const file = uploader.addFile({ path })
  const summary = await uploader.start()
  expect(summary.stopped.map((f) => f.id)).toEqual([file.id])
  expect(await checkpointFiles(checkpointDir)).toHaveLength(1)
}

describe('resuming a multipart upload', () => {
  it('continues after a stop without sending acknowledged parts again', async () => {
    const bytes = patternBytes(5 * PART + 1000, 11)
    const path = await files.write('resume.mp4', bytes)
    const { dir } = await testDir()
    const start = emulator.requests().length
    await uploadPartly(path, dir, 2)
    const firstRun = acknowledged(start)
    expect(firstRun).toEqual([1, 2])

    const second = emulator.requests().length
    const result = await uploaderWith(dir, 2).upload({ path })

    const secondRun = emulator.requests().slice(second)
    expect(secondRun[0]).toMatchObject({ operation: 'ListParts', status: 200 })
    expect(secondRun.some((r) => r.operation === 'InitiateMultipartUpload')).toBe(false)
    expect(acknowledged(second).sort()).toEqual([3, 4, 5, 6])
    expect(result).toMatchObject({ partsSent: 4, partsResumed: 2 })
    const stored = await emulator.getObject(emulator.defaultBucket, 'uploads/resume.mp4')
    expect(sameBytes(stored, bytes)).toBe(true)
    expect(await checkpointFiles(dir)).toEqual([])
  })

  it('starts a fresh upload when the server no longer knows the upload id (NoSuchUpload)', async () => {
    const bytes = patternBytes(3 * PART + 5, 12)
    const path = await files.write('stale.mp4', bytes)
    const { dir } = await testDir()
    await uploadPartly(path, dir, 1)
    const [stale] = emulator.listMultipartUploads().filter((u) => u.key === 'uploads/stale.mp4')
    expect(stale).toBeDefined()
    // The upload disappears on the server (expired, or aborted by someone else).
    await officialClient(emulator).abortMultipartUpload('uploads/stale.mp4', stale!.uploadId)

    const from = emulator.requests().length
    const result = await uploaderWith(dir).upload({ path })
    const log = emulator.requests().slice(from)
    expect(log[0]).toMatchObject({ operation: 'ListParts', status: 404, code: 'NoSuchUpload' })
    expect(log[1]).toMatchObject({ operation: 'InitiateMultipartUpload', status: 200 })
    expect(acknowledged(from).sort()).toEqual([1, 2, 3, 4])
    expect(result).toMatchObject({ partsSent: 4, partsResumed: 0 })
    const stored = await emulator.getObject(emulator.defaultBucket, 'uploads/stale.mp4')
    expect(sameBytes(stored, bytes)).toBe(true)
  })

  it('adopts a part the server holds but the checkpoint missed, after comparing its ETag with the file', async () => {
    const bytes = patternBytes(4 * PART + 9, 13)
    const path = await files.write('missed.mp4', bytes)
    const { dir } = await testDir()
    await uploadPartly(path, dir, 2)
    // As if the app died between the server's acknowledgement of part 2 and the checkpoint write.
    const [name] = await checkpointFiles(dir)
    const checkpoint = JSON.parse(await readFile(join(dir, name!), 'utf8'))
    checkpoint.doneParts = checkpoint.doneParts.filter((p: { n: number }) => p.n !== 2)
    await writeFile(join(dir, name!), JSON.stringify(checkpoint))

    const from = emulator.requests().length
    const result = await uploaderWith(dir).upload({ path })
    expect(acknowledged(from).sort()).toEqual([3, 4, 5])
    expect(result).toMatchObject({ partsSent: 3, partsResumed: 2 })
    const stored = await emulator.getObject(emulator.defaultBucket, 'uploads/missed.mp4')
    expect(sameBytes(stored, bytes)).toBe(true)
  })
})
