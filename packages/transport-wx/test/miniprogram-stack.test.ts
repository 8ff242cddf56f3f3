import type { RunSummary, UploaderOptions, UploadResult } from '@vodup/core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppServer,
  acknowledgedParts,
  appServer,
  bundleForMiniProgram,
  createMiniProgramContext,
  KiB,
  patternBytes,
  runInMiniProgram,
  sameBytes,
  until,
  useEmulator,
} from '#test-support'
import { createWxDouble, type WxDouble, type WxDoubleOptions } from '../src/double/index'

/**
 * The whole mini-program stack (core, target-oss, auth-uploadauth, transport-wx) bundled to ES2017 and run in a vm
 * context with only mini-program globals and no code generation, against the emulator, with the wx double as `wx`.
 */
const APP = `
import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { uploadAuth } from '@vodup/auth-uploadauth'
import { wxTransport } from '@vodup/transport-wx'

globalThis.createApp = (options, transportOptions) => {
  const uploader = createUploader(
    [
      wxTransport(transportOptions),
      ossTarget(),
      uploadAuth({
        getUploadAuth: (file) => appServer.createUploadVideo(file.name),
        refreshUploadAuth: (file) => appServer.refreshUploadVideo(file.videoId),
      }),
    ],
    options,
  )
  const events = []
  uploader.hooks.partUploaded.tap('app', (file, part) => events.push('part ' + part.n))
  uploader.hooks.fileFailed.tap('app', (file, error) => events.push('failed ' + error.code))
  uploader.hooks.warning.tap('app', (error) => events.push('warning ' + error.code))
  return { uploader, events }
}
`

interface App {
  uploader: {
    upload(input: unknown): Promise<UploadResult>
    addFile(input: unknown): {
      id: string
      state: string
      error?: { code: string; message: string }
    }
    start(): Promise<RunSummary>
    stop(): Promise<void>
    dispose(): Promise<void>
    hooks: {
      partUploaded: { tap(name: string, fn: (file: unknown, part: { n: number }) => void): void }
    }
  }
  events: string[]
}

const PART = 100 * KiB
const emulator = useEmulator()
let server: AppServer
let bundle: string
const doubles: WxDouble[] = []

beforeAll(async () => {
  server = appServer(emulator)
  bundle = await bundleForMiniProgram(APP)
})
afterEach(() => {
  for (const double of doubles.splice(0)) double.dispose()
})

function newDouble(options: WxDoubleOptions = {}): WxDouble {
  const double = createWxDouble({ hideKillDelayMs: 50, ...options })
  doubles.push(double)
  return double
}

async function startApp(
  double: WxDouble,
  options: UploaderOptions = {},
  transportOptions: Record<string, unknown> = {},
): Promise<App> {
  const context = createMiniProgramContext({ wx: double.wx, appServer: server })
  runInMiniProgram(bundle, context)
  const createApp = context.createApp as (o: UploaderOptions, t: Record<string, unknown>) => App
  return createApp(
    { partSize: PART, concurrency: 3, ...options },
    { networkSettleMs: 50, ...transportOptions },
  )
}

function video(double: WxDouble, size: number, seed = 1) {
  const bytes = patternBytes(size, seed)
  const tempFilePath = double.files.create(bytes, { name: 'clip.mp4' })
  return { bytes, media: { tempFilePath, size } }
}

/** True when the object of `result` on the emulator holds exactly `bytes`. */
const stored = (result: UploadResult, bytes: Uint8Array) =>
  sameBytes(emulator.getObject(result.bucket, result.objectKey), bytes)

const refreshes = () => server.calls.filter((action) => action === 'RefreshUploadVideo').length

describe('the mini-program stack in a vm against the emulator', () => {
  it('uploads a multi-part video whose bytes on the server equal the file', async () => {
    const double = newDouble({ headerCase: 'canonical-Etag' })
    const { bytes, media } = video(double, 5 * PART + 1234)
    const app = await startApp(double)

    const result = await app.uploader.upload(media)

    expect(stored(result, bytes)).toBe(true)
    expect(result.videoId).toMatch(/\S/)
    expect(result.partsSent).toBe(6)
    expect(app.events.filter((e) => e.startsWith('part')).sort()).toEqual(
      ['part 1', 'part 2', 'part 3', 'part 4', 'part 5', 'part 6'].sort(),
    )
    const reads = double.files.operations.filter((op) => op.api === 'readFile')
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.every((op) => op.length !== undefined && op.length <= PART)).toBe(true)
    expect(double.network.peakInFlight).toBeLessThanOrEqual(3)
    expect(double.storage.keys()).toEqual(['vodup:index'])
    await app.uploader.dispose()
    expect(double.listenerCounts()).toEqual({ hide: 0, show: 0, network: 0 })
  })

  it('pauses while the app is hidden mid-upload and finishes after it is shown', async () => {
    const double = newDouble()
    const { bytes, media } = video(double, 6 * PART, 2)
    const app = await startApp(double, { concurrency: 2 })
    emulator.faults.setLatency(300, 'UploadPart')
    const uploading = app.uploader.upload(media)
    await until(
      () => app.events.length >= 2 && double.network.inFlight === 2,
      'two parts acknowledged and two more in flight',
    )
    double.hide()
    await until(() => double.network.inFlight === 0, 'in-flight requests to be killed')
    const callsWhenKilled = double.network.calls.length
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(double.network.calls.length).toBe(callsWhenKilled)
    expect(
      double.network.calls.filter((c) => c.outcome === 'request:fail interrupted').length,
    ).toBeGreaterThan(0)
    emulator.faults.setLatency(0)
    double.show()

    const result = await uploading
    expect(stored(result, bytes)).toBe(true)
    expect(app.events.some((e) => e.startsWith('failed'))).toBe(false)
  })

  it('retries the parts a network change failed and completes', async () => {
    const double = newDouble()
    const { bytes, media } = video(double, 6 * PART, 3)
    const app = await startApp(double, { concurrency: 3 })
    emulator.faults.setLatency(200, 'UploadPart')
    const uploading = app.uploader.upload(media)
    await until(
      () => app.events.length >= 1 && double.network.inFlight >= 2,
      'a part acknowledged and two more in flight',
    )
    double.changeNetwork('4g')
    emulator.faults.setLatency(0)

    const result = await uploading

    expect(stored(result, bytes)).toBe(true)
    const failed = double.network.calls.filter((c) => c.outcome?.includes('network change'))
    expect(failed.length).toBeGreaterThan(0)
    expect(app.events.some((e) => e.startsWith('failed'))).toBe(false)
  })

  it('refreshes an expired token and sends no acknowledged part again', async () => {
    const double = newDouble()
    const { bytes, media } = video(double, 5 * PART, 4)
    const app = await startApp(double, { concurrency: 1 })
    const refreshesBefore = refreshes()
    let expired = false
    app.uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n === 2 && !expired) {
        expired = true
        void emulator.faults.expireAllTokens()
      }
    })

    const result = await app.uploader.upload(media)

    expect(stored(result, bytes)).toBe(true)
    expect(refreshes()).toBeGreaterThan(refreshesBefore)
    for (const times of acknowledgedParts(emulator.requests()).values()) expect(times).toBe(1)
  })

  it('resumes after a cold restart from the checkpoint in wx storage without resending acknowledged parts', async () => {
    const double = newDouble()
    const { bytes, media } = video(double, 6 * PART, 5)
    const first = await startApp(double, { concurrency: 1 })
    let parts = 0
    first.uploader.hooks.partUploaded.tap('test', () => {
      if (++parts === 3) void first.uploader.stop()
    })
    first.uploader.addFile(media)
    const stopped = await first.uploader.start()
    expect(stopped.stopped).toHaveLength(1)
    await first.uploader.dispose()
    const checkpointKeys = double.storage.keys().filter((k) => k !== 'vodup:index')
    expect(checkpointKeys).toHaveLength(1)
    expect(double.storage.raw(checkpointKeys[0])).not.toMatch(/secret|token/i)

    const second = await startApp(double, { concurrency: 2 })
    const result = await second.uploader.upload({
      tempFilePath: media.tempFilePath,
      size: media.size,
    })

    expect(stored(result, bytes)).toBe(true)
    expect(result.partsResumed).toBe(3)
    const partNumbers = emulator
      .requests()
      .filter((r) => r.operation === 'UploadPart' && r.status === 200)
      .map((r) => r.partNumber)
    expect(partNumbers.sort()).toEqual([1, 2, 3, 4, 5, 6])
    expect(double.storage.keys()).toEqual(['vodup:index'])
  })

  it('fails with FILE_NOT_FOUND and a clear message when the temp file vanished after a restart', async () => {
    const double = newDouble()
    const { media } = video(double, 3 * PART, 6)
    const first = await startApp(double, { concurrency: 1 })
    first.uploader.hooks.partUploaded.tap('test', () => void first.uploader.stop())
    first.uploader.addFile(media)
    await first.uploader.start()
    await first.uploader.dispose()
    const checkpoint = double.storage.keys().filter((k) => k !== 'vodup:index')
    expect(checkpoint).toHaveLength(1)

    double.files.evictTempFiles()
    const second = await startApp(double)
    const error = await second.uploader.upload(media).then(
      () => undefined,
      (e: { code: string; message: string }) => e,
    )

    expect(error?.code).toBe('FILE_NOT_FOUND')
    expect(error?.message).toContain(media.tempFilePath)
    expect(error?.message).toMatch(/pick the file again/)
    expect(double.storage.keys()).toEqual(expect.arrayContaining(checkpoint))
  })
})
