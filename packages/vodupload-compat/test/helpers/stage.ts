import type { UploadInfo, VodCallbacks } from '@vodup/callback-compat'
import { type Emulator, startEmulator } from '@vodup/emulator'
import { createWxDouble, type WxDouble } from '@vodup/transport-wx/double'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import {
  type AppServer,
  acknowledgedParts,
  appServer,
  type CallbackCall,
  untilCalled,
} from '#test-support'
import type { VODUploadOptions } from '../../src/index'
import { type CredentialMode, documentedApp, type ExtraCallbacks } from './miniprogram-app'
import { loadWxBundle, type VODUploadClass } from './wx-bundle'

/** Everything a mini-program flow test needs; fields are set once the hooks ran. */
export interface MiniProgramStage {
  emulator: Emulator
  server: AppServer
  double: WxDouble
  /** The class of `dist/vodupload.wx.js`, loaded in a fresh mini-program context for each test. */
  VODUpload: VODUploadClass
  /** The documented app on this test's VODUpload and the stage's app server (see {@link documentedApp}). */
  app(
    mode: CredentialMode,
    options?: VODUploadOptions,
    extra?: ExtraCallbacks,
  ): ReturnType<typeof documentedApp>
  /**
   * The user picks a video of `bytes` with `wx.chooseVideo`, the app adds it and starts the documented way; resolves
   * with the file's uploadInfo once the app's callback `until` was called (default `onUploadEnd`).
   */
  upload(
    app: { uploader: InstanceType<VODUploadClass>; calls: CallbackCall[] },
    bytes: Uint8Array,
    until?: keyof VodCallbacks,
  ): Promise<UploadInfo>
  /** The object's bytes on the emulator. */
  stored(info: UploadInfo): Promise<Uint8Array | undefined>
  /** How often each part was acknowledged, per upload id and part number: each must be 1. */
  acknowledgedPartCounts(): number[]
}

/**
 * Registers the hooks of a mini-program flow suite: one emulator for the file, and for each test a new `wx` double
 * and a new load of the built single file.
 */
export function miniProgramStage(): MiniProgramStage {
  const stage = {} as MiniProgramStage
  stage.app = (mode, options, extra) =>
    documentedApp(stage.VODUpload, stage.server, mode, options, extra)
  stage.upload = async ({ uploader, calls }, bytes, until = 'onUploadEnd') => {
    stage.double.queuePick(stage.double.files.create(bytes, { name: 'movie.mp4' }))
    stage.double.wx.chooseVideo({
      success(res: { tempFilePath: string; thumbTempFilePath?: string }) {
        uploader.addFile(
          { url: res.tempFilePath, coverUrl: res.thumbTempFilePath },
          null,
          null,
          null,
          '{"Vod":{}}',
        )
        uploader.startUpload()
      },
    })
    await untilCalled(calls, until)
    return uploader.listFiles()[0]
  }
  stage.stored = async (info) =>
    stage.emulator.getObject(info.bucket as string, info.object as string)
  stage.acknowledgedPartCounts = () => [...acknowledgedParts(stage.emulator.requests()).values()]

  beforeAll(async () => {
    stage.emulator = await startEmulator({ port: 0 })
    stage.server = appServer(stage.emulator)
  })
  afterAll(async () => {
    await stage.emulator.stop()
  })
  beforeEach(() => {
    stage.double = createWxDouble()
    stage.VODUpload = loadWxBundle(stage.double.wx)
    stage.emulator.clearRequests()
    stage.emulator.faults.clear()
  })
  afterEach(() => {
    stage.double.dispose()
  })
  return stage
}
