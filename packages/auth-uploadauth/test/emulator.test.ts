import { createUploader, type UploaderPlugin } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  type AppServer,
  acknowledgedParts as acknowledgedPartsIn,
  afterPart,
  appServer,
  KiB,
  memoryStore,
  patternBytes,
  resentParts,
  sameBytes,
  useEmulator,
  useTempDir,
} from '#test-support'
import { uploadAuth } from '../src/index'

const emulator = useEmulator()
const files = useTempDir()
let server: AppServer

beforeEach(() => {
  server = appServer(emulator)
})

function uploaderWith(plugin: UploaderPlugin, ...more: UploaderPlugin[]) {
  return createUploader([nodeTransport({ store: memoryStore() }), ossTarget(), plugin, ...more], {
    partSize: 100 * KiB,
    concurrency: 2,
  })
}

async function stored(bucket: string, key: string, bytes: Uint8Array): Promise<boolean> {
  return sameBytes(await emulator.getObject(bucket, key), bytes)
}

/** How often the emulator acknowledged each part so far. */
const acknowledgedParts = () => acknowledgedPartsIn(emulator.requests())

const operations = () => emulator.requests().map((r) => `${r.operation}:${r.code ?? r.status}`)

/** Expires every token the emulator issued, right after part `n` was acknowledged (once). */
const expireAfterPart = (n: number) => afterPart(n, () => void emulator.faults.expireAllTokens())

/** Stops the run right after part `n` was acknowledged (once). */
const stopAfterPart = (n: number) => afterPart(n, (kernel) => void kernel.uploader.stop())

const modern = () =>
  uploadAuth({
    getUploadAuth: (file) =>
      /\.png$/.test(file.name)
        ? server.createUploadImage('png')
        : server.createUploadVideo(file.name),
    refreshUploadAuth: (file) => server.refreshUploadVideo(file.videoId as string),
  })

describe('uploadAuth() with an app server calling VOD', () => {
  it('uploads a video end to end: bytes stored, VideoId on the file and in the result', async () => {
    const bytes = patternBytes(350 * KiB + 17, 3)
    const path = await files.write('holiday.mp4', bytes)
    const uploader = uploaderWith(modern())
    const result = await uploader.upload({ path })
    const file = uploader.listFiles()[0]
    expect(server.calls).toEqual(['CreateUploadVideo'])
    expect(result.videoId).toMatch(/\S/)
    expect(file.videoId).toBe(result.videoId)
    expect(result.bucket).toBe(emulator.defaultBucket)
    expect(result.objectKey).toMatch(/\.mp4$/)
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
  })

  it('uploads an image end to end: ImageId and ImageURL on the file and in the result', async () => {
    const bytes = patternBytes(20 * KiB, 4)
    const path = await files.write('cover.png', bytes)
    const uploader = uploaderWith(modern())
    const result = await uploader.upload({ path })
    const file = uploader.listFiles()[0]
    expect(server.calls).toEqual(['CreateUploadImage'])
    expect(result.imageId).toMatch(/\S/)
    expect(result.imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.png$/)
    expect(file.imageId).toBe(result.imageId)
    expect(file.imageUrl).toBe(result.imageUrl)
    expect(result.videoId).toBeUndefined()
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
  })

  it('refreshes through RefreshUploadVideo when the tokens expire mid-upload; no acknowledged part is sent twice', async () => {
    const bytes = patternBytes(800 * KiB, 5)
    const path = await files.write('long.mp4', bytes)
    const uploader = uploaderWith(modern(), expireAfterPart(2))
    const result = await uploader.upload({ path })
    expect(server.calls).toEqual(['CreateUploadVideo', 'RefreshUploadVideo'])
    expect(operations()).toContain('UploadPart:SecurityTokenExpired')
    expect(operations().filter((o) => o.startsWith('InitiateMultipartUpload'))).toHaveLength(1)
    const acknowledged = acknowledgedParts()
    expect(acknowledged.size).toBe(8)
    expect([...acknowledged.values()].every((count) => count === 1)).toBe(true)
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
  })

  it('resumes a stopped video through refreshUploadAuth (it has a VideoId) on the same upload', async () => {
    const bytes = patternBytes(600 * KiB, 6)
    const path = await files.write('resumed.mp4', bytes)
    const uploader = uploaderWith(modern(), stopAfterPart(2))
    const resent = resentParts(uploader)
    const file = uploader.addFile({ path })
    const first = await uploader.start()
    expect(first.stopped.map((f) => f.id)).toEqual([file.id])
    expect(file.videoId).toMatch(/\S/)
    const second = await uploader.start()
    expect(second.succeeded.map((f) => f.id)).toEqual([file.id])
    expect(server.calls).toEqual(['CreateUploadVideo', 'RefreshUploadVideo'])
    // Part 2 was acknowledged before the stop; part 1 may still have been in flight (two at once) and is sent then.
    expect(file.result?.partsResumed).toBeGreaterThanOrEqual(1)
    // A part in flight at the stop may have been stored without its answer reaching vodup: sending it again is right.
    expect(resent).toEqual([])
    expect(operations().filter((o) => o.startsWith('InitiateMultipartUpload'))).toHaveLength(1)
    expect(await stored(file.result!.bucket, file.result!.objectKey, bytes)).toBe(true)
  })

  it('fails a file whose UploadAuth lacks a field with AUTH_INVALID naming it, before any OSS request', async () => {
    const path = await files.write('broken.mp4', patternBytes(1000, 7))
    const plugin = uploadAuth({
      getUploadAuth: async (file) => {
        const answer = await server.createUploadVideo(file.name)
        const fields = JSON.parse(Buffer.from(answer.UploadAuth as never, 'base64').toString())
        delete fields.AccessKeySecret
        return { ...answer, UploadAuth: Buffer.from(JSON.stringify(fields)).toString('base64') }
      },
    })
    await expect(uploaderWith(plugin).upload({ path })).rejects.toMatchObject({
      code: 'AUTH_INVALID',
      field: 'UploadAuth.AccessKeySecret',
    })
    expect(operations()).toEqual(['CreateUploadVideo:200'])
  })

  it('refuses an empty video with EMPTY_FILE and asks the app for nothing', async () => {
    const path = await files.write('empty.mp4', new Uint8Array(0))
    await expect(uploaderWith(modern()).upload({ path })).rejects.toMatchObject({
      code: 'EMPTY_FILE',
    })
    expect(server.calls).toEqual([])
    expect(emulator.requests()).toEqual([])
  })
})

describe('an UploadAddress to plain HTTP', () => {
  /** The app server passes on an answer whose UploadAddress endpoint a hostile VOD (or proxy) rewrote. */
  const rewritten = (endpoint: string) =>
    uploadAuth({
      getUploadAuth: async (file) => {
        const answer = await server.createUploadVideo(file.name)
        const address = JSON.parse(Buffer.from(answer.UploadAddress as string, 'base64').toString())
        return {
          ...answer,
          UploadAddress: Buffer.from(JSON.stringify({ ...address, Endpoint: endpoint })).toString(
            'base64',
          ),
        } as typeof answer
      },
    })

  it('is refused for a host that is not loopback (10.x, 169.254.169.254): no byte leaves, no token travels', async () => {
    for (const endpoint of ['http://10.11.12.13', 'http://169.254.169.254:80']) {
      emulator.clearRequests()
      const path = await files.write('movie.mp4', patternBytes(150 * KiB, 3))
      const error = await uploaderWith(rewritten(endpoint))
        .upload({ path })
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'AUTH_INVALID', field: 'UploadAddress.Endpoint' })
      expect(operations()).toEqual(['CreateUploadVideo:200'])
    }
  })

  it('is accepted for the loopback emulator', async () => {
    const bytes = patternBytes(150 * KiB, 4)
    const path = await files.write('loopback.mp4', bytes)
    const result = await uploaderWith(rewritten(emulator.url)).upload({ path })
    expect(await stored(result.bucket, result.objectKey, bytes)).toBe(true)
  })
})
