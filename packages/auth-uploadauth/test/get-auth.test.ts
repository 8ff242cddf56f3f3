import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { describe, expect, it } from 'vitest'
import {
  acknowledgedParts,
  afterPart,
  appServer,
  KiB,
  memoryStore,
  patternBytes,
  sameBytes,
  uploadErrorThrownBy,
  useEmulator,
  useTempDir,
} from '#test-support'
import { fromGetAuth, type GetAuthContext } from '../src/index'

const emulator = useEmulator()
const files = useTempDir()

/** A 2.0-style getAuth backed by the test's app server, recording every context it was asked with. */
function recordingGetAuth() {
  const server = appServer(emulator)
  const asked: GetAuthContext[] = []
  const getAuth = async (ctx: GetAuthContext) => {
    asked.push(ctx)
    if (ctx.kind === 'refresh-video') return server.refreshUploadVideo(ctx.videoId!)
    if (ctx.kind === 'create-image') return server.createUploadImage('png')
    return server.createUploadVideo(ctx.fileName)
  }
  return { getAuth, asked }
}

function uploaderWith(...plugins: Parameters<typeof createUploader>[0]) {
  return createUploader([nodeTransport({ store: memoryStore() }), ossTarget(), ...plugins], {
    partSize: 100 * KiB,
    concurrency: 2,
  })
}

describe('fromGetAuth: the upload SDK 2.0 getAuth(ctx) contract', () => {
  it('asks create-video once and resolves upload() with the videoId', async () => {
    const bytes = patternBytes(350 * KiB, 3)
    const path = await files.write('trip.mp4', bytes)
    const { getAuth, asked } = recordingGetAuth()
    const result = await uploaderWith(fromGetAuth(getAuth)).upload(path)
    expect(asked).toEqual([
      { kind: 'create-video', file: path, fileName: 'trip.mp4', fileSize: 350 * KiB },
    ])
    expect(result.videoId).toMatch(/\w+/)
    expect(sameBytes(await emulator.getObject(result.bucket, result.objectKey), bytes)).toBe(true)
  })

  it('asks refresh-video with the videoId when the credentials expire, and sends no acknowledged part again', async () => {
    const bytes = patternBytes(800 * KiB, 4)
    const path = await files.write('long.mp4', bytes)
    const { getAuth, asked } = recordingGetAuth()
    const result = await uploaderWith(
      fromGetAuth(getAuth),
      afterPart(2, () => emulator.faults.expireAllTokens()),
    ).upload(path)
    expect(asked.map((ctx) => ctx.kind)).toEqual(['create-video', 'refresh-video'])
    expect(asked[1].videoId).toBe(result.videoId)
    expect(sameBytes(await emulator.getObject(result.bucket, result.objectKey), bytes)).toBe(true)
    expect([...acknowledgedParts(emulator.requests()).values()].every((n) => n === 1)).toBe(true)
  })

  it('asks create-image for an image', async () => {
    const path = await files.write('cover.png', patternBytes(20 * KiB, 5))
    const { getAuth, asked } = recordingGetAuth()
    const result = await uploaderWith(fromGetAuth(getAuth)).upload(path)
    expect(asked.map((ctx) => ctx.kind)).toEqual(['create-image'])
    expect(result.imageId).toMatch(/\w+/)
  })

  it('refuses something that is not a function with INVALID_ARGUMENT', () => {
    const error = uploadErrorThrownBy(() => fromGetAuth('nope' as never))
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'getAuth' })
  })
})
