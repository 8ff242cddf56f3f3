import type { UploadInfo } from '@vodup/callback-compat'
import type { PartPlan, UploaderPlugin } from '@vodup/core'
import { memoryTarget, memoryTransport } from '@vodup/core/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  callbackSequence,
  KiB,
  patternBytes,
  recordCallbacks,
  sameBytes,
  until,
  untilCalled,
} from '#test-support'
import { VODUploadCore, type VODUploadOptions } from '../src/index'
import { resolveOptions } from '../src/options'
import { fakeUploadAddress, fakeUploadAuth } from './helpers/credentials'
import { memoryVODUpload } from './helpers/memory-vodupload'

afterEach(() => {
  vi.restoreAllMocks()
})

/** An app that answers onUploadstarted like the documented UploadAuth flow, a moment later. */
function uploadAuthApp(videoIds = new Map<string, string>()) {
  let uploader: { setUploadAuthAndAddress(...args: unknown[]): boolean } | undefined
  const onUploadstarted = (info: UploadInfo) => {
    const name = (info.file as { name: string }).name
    setTimeout(() => {
      const videoId = info.videoId ?? `video-${name}`
      videoIds.set(name, videoId)
      uploader?.setUploadAuthAndAddress(
        info,
        fakeUploadAuth(),
        fakeUploadAddress(`sv/${name}`),
        videoId,
      )
    }, 1)
  }
  return {
    onUploadstarted,
    bind(target: typeof uploader) {
      uploader = target
    },
  }
}

/**
 * What the app would read as the first file's state at every kernel event (after the uploadInfo was updated), with
 * marks where the test acted.
 */
function watchStates(vod: VODUploadCore) {
  const seen: string[] = []
  const read = () => {
    seen.push(vod.listFiles()[0]?.state ?? '-')
  }
  const { hooks } = vod.uploader
  hooks.stateChanged.tap('test-states', read)
  hooks.progress.tap('test-states', read)
  hooks.partUploaded.tap('test-states', read)
  hooks.fileStopped.tap('test-states', read)
  hooks.fileCanceled.tap('test-states', read)
  hooks.end.tap('test-states', read)
  const index = (mark: string) => seen.indexOf(`mark:${mark}`)
  return {
    mark(name: string) {
      seen.push(`mark:${name}`)
    },
    /** The states read after the mark `from`, up to the mark `to`. */
    between(from: string, to: string) {
      return seen.slice(index(from) + 1, index(to))
    },
    after(from: string) {
      return seen.slice(index(from) + 1).filter((s) => !s.startsWith('mark:'))
    },
  }
}

/** A VODUpload on the in-memory stack, answered by {@link uploadAuthApp}, its callback calls recorded. */
function uploadAuthVODUpload(options: VODUploadOptions = {}) {
  const app = uploadAuthApp()
  const { calls, callbacks } = recordCallbacks({ onUploadstarted: app.onUploadstarted })
  const stack = memoryVODUpload(options, callbacks)
  app.bind(stack.uploader)
  return { calls, ...stack }
}

describe('VODUpload on the in-memory stack', () => {
  it('uploads a file through the UploadAuth flow, with the callbacks in order', async () => {
    const { calls, uploader, transport, target } = uploadAuthVODUpload()
    const bytes = patternBytes(350 * KiB)
    const file = transport.putFile('clip.mp4', bytes)

    expect(uploader.addFile(file, null, null, null, '{"Vod":{}}')).toBe(true)
    expect(calls.map((c) => c.name)).toEqual(['addFileSuccess'])
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')

    const [info] = uploader.listFiles()
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    expect(calls.every((c) => c.args[0] === info)).toBe(true)
    expect(sameBytes(target.objects.get('outin-fake/sv/clip.mp4'), bytes)).toBe(true)
    expect(info).toMatchObject({
      file,
      state: 'Success',
      videoId: 'video-clip.mp4',
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      bucket: 'outin-fake',
      object: 'sv/clip.mp4',
      region: 'cn-shanghai',
      loaded: 1,
      fileSize: bytes.length,
      isImage: false,
    })
  })

  it('refuses the documentation’s invalid userData, naming the JSON problem, and keeps the list', () => {
    const { calls, callbacks } = recordCallbacks()
    const { uploader, transport } = memoryVODUpload({}, callbacks)
    uploader.addFile(transport.putFile('a.mp4', patternBytes(10)), null, null, null, '{"Vod":{}}')
    const before = uploader.listFiles()
    let thrown: unknown
    try {
      uploader.addFile(
        transport.putFile('b.mp4', patternBytes(10)),
        null,
        null,
        null,
        '{"Vod":{"Title":"test","CateId":"234"}"}',
      )
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({
      name: 'UploadError',
      code: 'INVALID_ARGUMENT',
      field: 'userData',
    })
    expect((thrown as Error).message).toContain('position 38')
    expect((thrown as Error).message).toContain('found "\\"" at position 38 (character 39)')
    expect((thrown as Error).message).toContain('expected "," or "}"')
    expect(uploader.listFiles()).toEqual(before)
    expect(calls.map((c) => c.name)).toEqual(['addFileSuccess'])
  })

  it('keeps VODUpload’s return values for a missing file, a duplicate and indexes out of range', () => {
    const { uploader, transport } = memoryVODUpload()
    const file = transport.putFile('a.mp4', patternBytes(10))
    expect(uploader.addFile(null)).toBe(false)
    expect(uploader.addFile(file)).toBe(true)
    expect(uploader.addFile({ name: 'a.mp4' })).toBe(false)
    for (const index of [-1, 1, 0.5, Number.NaN, '0' as unknown as number]) {
      expect(uploader.deleteFile(index)).toBe(false)
      expect(uploader.cancelFile(index)).toBe(false)
      expect(uploader.resumeFile(index)).toBe(false)
    }
    expect(uploader.resumeFile(0)).toBe(false)
    expect(uploader.listFiles()).toHaveLength(1)
  })

  it('refuses a file the platform cannot use and a bad addFile endpoint with INVALID_ARGUMENT', () => {
    const { uploader } = memoryVODUpload()
    expect(() => uploader.addFile({ url: 42 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => uploader.addFile({ name: 'a.mp4' }, 'ftp://example.com')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'endpoint' }),
    )
    expect(() => uploader.addFile({ name: 'a.mp4' }, null, null, null, 42 as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'userData' }),
    )
    expect(uploader.listFiles()).toEqual([])
  })

  it('refuses an addFile endpoint of plain http:// to a host that is not loopback, unless allowPlainHttp', () => {
    const { uploader } = memoryVODUpload()
    for (const endpoint of ['http://10.0.0.3', 'http://169.254.169.254:80']) {
      expect(() => uploader.addFile({ name: 'a.mp4' }, endpoint)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'endpoint' }),
      )
    }
    expect(uploader.listFiles()).toEqual([])
    expect(uploader.addFile({ name: 'local.mp4' }, 'http://127.0.0.1:9000')).toBe(true)
    const trusting = memoryVODUpload({ allowPlainHttp: true }).uploader
    expect(trusting.addFile({ name: 'lan.mp4' }, 'http://10.0.0.3')).toBe(true)
  })

  it('answers a token expiry with resumeUploadWithAuth and goes on with the same upload', async () => {
    let vod: { resumeUploadWithAuth(auth: string): boolean } | undefined
    const app = uploadAuthApp()
    const { calls, callbacks } = recordCallbacks({
      onUploadstarted: app.onUploadstarted,
      onUploadTokenExpired: () => {
        setTimeout(() => vod?.resumeUploadWithAuth(fakeUploadAuth()), 1)
      },
    })
    const { uploader, transport, target } = memoryVODUpload({ parallel: 1 }, callbacks)
    app.bind(uploader)
    vod = uploader
    let expired = false
    uploader.uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n === 2 && !expired) {
        expired = true
        target.expireTokens()
      }
    })
    const bytes = patternBytes(500 * KiB)
    uploader.addFile(transport.putFile('clip.mp4', bytes))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')

    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadTokenExpired',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    expect(sameBytes(target.objects.get('outin-fake/sv/clip.mp4'), bytes)).toBe(true)
    const uploads = new Set(target.calls.filter((c) => c.uploadId).map((c) => c.uploadId))
    expect(uploads.size).toBe(1)
    const acknowledged = target.calls.filter(
      (c) => c.operation === 'UploadPart' && c.outcome === 'ok',
    )
    expect(acknowledged.map((c) => c.partNumber).sort()).toEqual([1, 2, 3, 4, 5])
  })

  it('fails a file whose token expired when the app has no onUploadTokenExpired', async () => {
    const app = uploadAuthApp()
    const { calls, callbacks } = recordCallbacks({ onUploadstarted: app.onUploadstarted })
    delete callbacks.onUploadTokenExpired
    const { uploader, transport, target } = memoryVODUpload({ parallel: 1 }, callbacks)
    app.bind(uploader)
    uploader.uploader.hooks.partUploaded.tap('test', () => target.expireTokens())
    uploader.addFile(transport.putFile('clip.mp4', patternBytes(300 * KiB)))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadFailed',
      'onUploadEnd',
    ])
    expect(calls.find((c) => c.name === 'onUploadFailed')!.args[1]).toBe('SecurityTokenExpired')
  })

  it('ignores credentials for a file that was stopped while the app fetched them', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    let started: UploadInfo | undefined
    const { calls, callbacks } = recordCallbacks({
      onUploadstarted: (info) => {
        started = info
      },
    })
    const { uploader, transport } = memoryVODUpload({}, callbacks)
    uploader.addFile(transport.putFile('clip.mp4', patternBytes(200 * KiB)))
    uploader.startUpload()
    await until(() => started !== undefined)
    uploader.stopUpload()
    await untilCalled(calls, 'onUploadCanceled')
    const answered = uploader.setUploadAuthAndAddress(
      started as UploadInfo,
      fakeUploadAuth(),
      fakeUploadAddress('sv/clip.mp4'),
    )
    expect(answered).toBe(false)
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('is no longer uploading'))
    expect(() => uploader.setUploadAuthAndAddress({} as UploadInfo, 'x', 'y')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'uploadInfo' }),
    )
  })

  it('ignores resumeUploadWithAuth when nothing waits for credentials', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { uploader } = memoryVODUpload()
    expect(uploader.resumeUploadWithAuth(fakeUploadAuth())).toBe(false)
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringContaining('resumeUploadWithAuth ignored'),
    )
  })

  it('fails a file with AUTH_INVALID when its credentials do not decode', async () => {
    let vod: { setUploadAuthAndAddress(...args: unknown[]): boolean } | undefined
    const answers: boolean[] = []
    const { calls, callbacks } = recordCallbacks({
      onUploadstarted: (info) => {
        answers.push(
          vod?.setUploadAuthAndAddress(info, 'not base64!', fakeUploadAddress('x')) ?? true,
        )
      },
    })
    const { uploader, transport } = memoryVODUpload({}, callbacks)
    vod = uploader
    uploader.addFile(transport.putFile('clip.mp4', patternBytes(200 * KiB)))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(answers).toEqual([false])
    const failed = calls.find((c) => c.name === 'onUploadFailed')!
    expect(failed.args.slice(1, 3)).toEqual(['AUTH_INVALID', 'UploadAuth is not valid base64.'])
  })

  it('stops for real on stopUpload and resumes the same upload on startUpload', async () => {
    let stopped = false
    let vod: { stopUpload(): void } | undefined
    const { calls, uploader, transport, target } = uploadAuthVODUpload({ parallel: 1 })
    vod = uploader
    uploader.uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n === 2 && !stopped) {
        stopped = true
        vod?.stopUpload()
      }
    })
    const bytes = patternBytes(500 * KiB)
    uploader.addFile(transport.putFile('clip.mp4', bytes))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadCanceled')
    const [info] = uploader.listFiles()
    expect(info.state).toBe('Stoped')
    // The stop ends the run: nothing runs on until the next start.
    await until(() => !uploader.uploader.running, 'the stopped run to end')

    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadCanceled',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    const restarted = calls.filter((c) => c.name === 'onUploadstarted')[1]
    expect((restarted.args[0] as UploadInfo).videoId).toBe('video-clip.mp4')
    expect(sameBytes(target.objects.get('outin-fake/sv/clip.mp4'), bytes)).toBe(true)
    const acknowledged = target.calls.filter(
      (c) => c.operation === 'UploadPart' && c.outcome === 'ok',
    )
    const numbers = acknowledged.map((c) => c.partNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(new Set(target.calls.filter((c) => c.uploadId).map((c) => c.uploadId)).size).toBe(1)
  })

  it('stopUpload: the file reads Stoped when it returns and does not read Uploading again before the next start', async () => {
    const { calls, uploader, transport, target } = uploadAuthVODUpload({ parallel: 1 })
    const states = watchStates(uploader)
    let readAfterStop: string | undefined
    uploader.uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n !== 2 || readAfterStop) return
      expect(uploader.listFiles()[0].state).toBe('Uploading')
      states.mark('stopUpload')
      uploader.stopUpload()
      readAfterStop = uploader.listFiles()[0].state
    })
    const bytes = patternBytes(500 * KiB)
    uploader.addFile(transport.putFile('clip.mp4', bytes))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadCanceled')
    expect(readAfterStop).toBe('Stoped')
    states.mark('startUpload')
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(states.between('stopUpload', 'startUpload')).not.toEqual([])
    expect(new Set(states.between('stopUpload', 'startUpload'))).toEqual(new Set(['Stoped']))
    const canceled = calls.find((c) => c.name === 'onUploadCanceled')!
    expect(canceled.state).toBe('Stoped')
    expect(uploader.listFiles()[0].state).toBe('Success')
    expect(sameBytes(target.objects.get('outin-fake/sv/clip.mp4'), bytes)).toBe(true)
  })

  it('cancelFile: the file reads Canceled when it returns true, before its upload is discarded, and stays so', async () => {
    const { calls, uploader, transport, target } = uploadAuthVODUpload({ parallel: 1 })
    const states = watchStates(uploader)
    let answer: boolean | undefined
    let readAfterCancel: string | undefined
    let abortsBeforeReturn = -1
    uploader.uploader.hooks.partUploaded.tap('test', () => {
      if (answer !== undefined) return
      states.mark('cancelFile')
      answer = uploader.cancelFile(0)
      readAfterCancel = uploader.listFiles()[0].state
      abortsBeforeReturn = target.calls.filter((c) => c.operation === 'AbortMultipartUpload').length
    })
    uploader.addFile(transport.putFile('a.mp4', patternBytes(400 * KiB, 1)))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(answer).toBe(true)
    expect(readAfterCancel).toBe('Canceled')
    // The network work followed the call: the server's upload was discarded after cancelFile returned.
    expect(abortsBeforeReturn).toBe(0)
    expect(target.calls.filter((c) => c.operation === 'AbortMultipartUpload')).toHaveLength(1)
    expect(new Set(states.after('cancelFile'))).toEqual(new Set(['Canceled']))
    expect(callbackSequence(calls).slice(-2)).toEqual(['onUploadCanceled', 'onUploadEnd'])
    expect(calls.find((c) => c.name === 'onUploadCanceled')!.state).toBe('Canceled')
  })

  it('resumeFile right after cancelFile, while the upload is still being discarded: Ready at once, then it uploads', async () => {
    const { calls, uploader, transport, target } = uploadAuthVODUpload({ parallel: 1 })
    const states = watchStates(uploader)
    let answers: boolean[] = []
    uploader.uploader.hooks.partUploaded.tap('test', () => {
      if (answers.length) return
      answers = [uploader.cancelFile(0), uploader.resumeFile(0)]
      states.mark('resumeFile')
      expect(uploader.listFiles()[0].state).toBe('Ready')
    })
    const bytes = patternBytes(400 * KiB, 3)
    uploader.addFile(transport.putFile('a.mp4', bytes))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadCanceled')
    await until(
      () => uploader.uploader.listFiles()[0].state === 'ready',
      'the kernel to resume the file',
    )
    expect(answers).toEqual([true, true])
    expect(new Set(states.after('resumeFile'))).toEqual(new Set(['Ready']))
    calls.length = 0
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(uploader.listFiles()[0].state).toBe('Success')
    expect(sameBytes(target.objects.get('outin-fake/sv/a.mp4'), bytes)).toBe(true)
  })

  it('ignores startUpload while started', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { calls, uploader, transport } = uploadAuthVODUpload()
    uploader.addFile(transport.putFile('clip.mp4', patternBytes(200 * KiB)))
    uploader.startUpload()
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(calls.filter((c) => c.name === 'onUploadstarted')).toHaveLength(1)
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('startUpload ignored'))
  })

  it('cancels and resumes a file by index, and deletes and clears the list', async () => {
    let vod: { cancelFile(i: number): boolean } | undefined
    let canceled = false
    const { calls, uploader, transport, target } = uploadAuthVODUpload({ parallel: 1 })
    vod = uploader
    uploader.uploader.hooks.partUploaded.tap('test', () => {
      if (!canceled) {
        canceled = true
        vod?.cancelFile(0)
      }
    })
    const a = patternBytes(300 * KiB, 1)
    uploader.addFile(transport.putFile('a.mp4', a))
    uploader.addFile(transport.putFile('b.mp4', patternBytes(150 * KiB, 2)))
    uploader.addFile(transport.putFile('c.mp4', patternBytes(150 * KiB, 3)))
    expect(uploader.deleteFile(1)).toBe(true)
    expect(uploader.listFiles().map((i) => (i.file as { name: string }).name)).toEqual([
      'a.mp4',
      'c.mp4',
    ])
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(uploader.listFiles().map((i) => i.state)).toEqual(['Canceled', 'Success'])
    expect(target.calls.some((c) => c.operation === 'AbortMultipartUpload')).toBe(true)
    const canceledCall = calls.find((c) => c.name === 'onUploadCanceled')!
    expect(canceledCall.args).toEqual([uploader.listFiles()[0], { status: 0, name: 'cancel' }])

    expect(uploader.resumeFile(0)).toBe(true)
    expect(uploader.listFiles()[0].state).toBe('Ready')
    calls.length = 0
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    expect(sameBytes(target.objects.get('outin-fake/sv/a.mp4'), a)).toBe(true)
    expect(uploader.cancelFile(0)).toBe(false)

    uploader.cleanList()
    expect(uploader.listFiles()).toEqual([])
  })

  it('cleanList stops the upload in flight and empties the list at once', async () => {
    let vod: { cleanList(): void } | undefined
    let cleared = false
    const { calls, uploader, transport } = uploadAuthVODUpload({ parallel: 1 })
    vod = uploader
    uploader.uploader.hooks.partUploaded.tap('test', () => {
      if (!cleared) {
        cleared = true
        vod?.cleanList()
      }
    })
    uploader.addFile(transport.putFile('a.mp4', patternBytes(500 * KiB, 1)))
    uploader.addFile(transport.putFile('b.mp4', patternBytes(200 * KiB, 2)))
    uploader.startUpload()
    await until(() => cleared)
    expect(uploader.listFiles()).toEqual([])
    await untilCalled(calls, 'onUploadCanceled')
    await until(() => !uploader.uploader.running, 'the stopped run to end')
    expect(calls.some((c) => c.name === 'onUploadSucceed' || c.name === 'onUploadEnd')).toBe(false)
    expect(uploader.uploader.listFiles()).toEqual([])
  })

  it('goes through several files one at a time, in list order', async () => {
    const { calls, uploader, transport, target } = uploadAuthVODUpload()
    const files = ['1.mp4', '2.mp4', '3.mp4'].map((name, i) => {
      const bytes = patternBytes((120 + i * 50) * KiB, i + 1)
      uploader.addFile(transport.putFile(name, bytes))
      return { name, bytes }
    })
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    const milestones = calls
      .filter((c) => ['onUploadstarted', 'onUploadSucceed', 'onUploadEnd'].includes(c.name))
      .map((c) => `${c.name}:${((c.args[0] as UploadInfo).file as { name: string }).name}`)
    expect(milestones).toEqual([
      'onUploadstarted:1.mp4',
      'onUploadSucceed:1.mp4',
      'onUploadstarted:2.mp4',
      'onUploadSucceed:2.mp4',
      'onUploadstarted:3.mp4',
      'onUploadSucceed:3.mp4',
      'onUploadEnd:3.mp4',
    ])
    for (const { name, bytes } of files) {
      expect(sameBytes(target.objects.get(`outin-fake/sv/${name}`), bytes)).toBe(true)
    }
  })

  it('fails an empty file with onUploadFailed and goes on', async () => {
    const { calls, uploader, transport } = uploadAuthVODUpload()
    uploader.addFile(transport.putFile('empty.mp4', new Uint8Array(0)))
    uploader.addFile(transport.putFile('next.mp4', patternBytes(10)))
    uploader.startUpload()
    await untilCalled(calls, 'onUploadEnd')
    const failed = calls.find((c) => c.name === 'onUploadFailed')!
    expect(failed.args[1]).toBe('EMPTY_FILE')
    expect(uploader.listFiles().map((i) => i.state)).toEqual(['Failure', 'Success'])
  })
})

describe('a file of 12 GiB', () => {
  it('gets a whole part size that fits 10,000 parts, instead of failing silently', async () => {
    const size = 12 * 1024 ** 3
    const memory = memoryTransport()
    const virtualFile: UploaderPlugin = {
      name: 'virtual-file-transport',
      apply(kernel) {
        kernel.provideTransport({
          ...memory.transport,
          identify: () => ({ key: 'big', name: 'big.mp4', size }),
          openFile: async () => ({
            size,
            name: 'big.mp4',
            lastModified: 1,
            read: async (start: number, end: number) => new Uint8Array(end - start),
            close: async () => {},
          }),
        })
      },
    }
    const plans: PartPlan[] = []
    const vod: VODUploadCore = new VODUploadCore(
      {
        onUploadstarted(info) {
          vod.setUploadAuthAndAddress(info, fakeUploadAuth(), fakeUploadAddress('sv/big.mp4'))
        },
      },
      { transport: () => virtualFile, target: () => memoryTarget() },
    )
    vod.uploader.hooks.planParts.tap('test', (plan) => {
      plans.push({ ...plan })
      vod.stopUpload()
      return plan
    })
    vod.addFile({ name: 'big.mp4' })
    vod.startUpload()
    await until(() => vod.listFiles()[0].state === 'Stoped')
    const [plan] = plans
    expect(Number.isSafeInteger(plan.partSize)).toBe(true)
    expect(plan.partCount).toBeLessThanOrEqual(10_000)
    expect(plan.partSize * plan.partCount).toBeGreaterThanOrEqual(size)
  })
})

describe('VODUpload options', () => {
  it.each([
    [{ region: 'Shanghai' }, 'region'],
    [{ region: 'oss-cn-beijing' }, 'region'],
    [{ vodEndpoint: 'vod.example.com/path' }, 'vodEndpoint'],
    [{ vodEndpoint: 'http://10.0.0.2:9000' }, 'vodEndpoint'],
    [{ allowPlainHttp: 'yes' }, 'allowPlainHttp'],
  ])('refuses %j, naming "%s"', (options, field) => {
    let thrown: unknown
    try {
      memoryVODUpload(options as never)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({ code: 'INVALID_ARGUMENT', field })
    expect((thrown as Error).message).toContain(field)
  })

  it.each([
    [{ parallel: 10 }, { concurrency: 8 }],
    [{ parallel: 2.5 }, { concurrency: 3 }],
    [{ parallel: -2 }, { concurrency: undefined }],
    [{ partSize: '1048576' }, { partSize: 1048576 }],
    [{ partSize: 1.5 }, { partSize: 2 }],
    [{ partSize: -1 }, { partSize: undefined }],
    [{ partSize: 'big' }, { partSize: undefined }],
    [{ timeout: -100 }, { timeoutMs: undefined }],
    [{ timeout: '30000' }, { timeoutMs: 30000 }],
    [{ retryCount: '3' }, { retries: 3 }],
    [{ retryCount: -1 }, { retries: 0 }],
    [{ retryCount: 1.5 }, { retries: 2 }],
    [{ retryDuration: -1 }, { minTimeout: 2000 }],
    [{ retryDuration: '0.5' }, { minTimeout: 500 }],
    [{ cname: 'yes' }, { cname: true }],
    [{ localCheckpoint: 'no' }, {}],
  ])('accepts %j as VODUpload did, using %j', (options, expected) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const resolved = resolveOptions(options as never, 8)
    const seen = {
      concurrency: resolved.uploader.concurrency,
      partSize: resolved.uploader.partSize,
      timeoutMs: resolved.uploader.timeoutMs,
      retries: resolved.retry.retries,
      minTimeout: resolved.retry.minTimeout,
      cname: resolved.cname,
    }
    expect(seen).toMatchObject(expected)
    expect(() => memoryVODUpload(options as never)).not.toThrow()
  })

  it('warns once per option, naming it, however many instances get it', () => {
    const warnings: string[] = []
    vi.spyOn(console, 'warn').mockImplementation((message: string) => {
      warnings.push(message)
    })
    const legacy = { partSize: 102400.5, retryDuration: '0.001' } as never
    memoryVODUpload(legacy)
    memoryVODUpload(legacy)
    const named = (field: string) => warnings.filter((w) => w.includes(`"${field}"`))
    expect(named('partSize').length).toBeLessThanOrEqual(1)
    expect(named('retryDuration').length).toBeLessThanOrEqual(1)
    expect(warnings.every((w) => w.startsWith('[vodup] VODUpload option "'))).toBe(true)
  })

  it('takes an omitted or falsy option as its default, as VODUpload did', () => {
    expect(() =>
      memoryVODUpload({ partSize: 0, parallel: 0, retryDuration: 0, timeout: 0, region: '' }),
    ).not.toThrow()
  })
})
