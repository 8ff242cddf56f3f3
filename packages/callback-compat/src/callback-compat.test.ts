import { createUploader, UploadError, type UploaderOptions } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { callbackSequence, KiB, patternBytes, recordCallbacks, sameBytes } from '#test-support'
import { callbackCompat } from './callback-compat'
import type { VodCallbacks } from './callbacks'

function stack(callbacks: VodCallbacks, options: UploaderOptions = {}, compatOptions = {}) {
  const transport = memoryTransport()
  const target = memoryTarget()
  const auth = memoryAuth()
  const compat = callbackCompat(callbacks, compatOptions)
  const uploader = createUploader([transport, target, auth, compat], {
    partSize: 100 * KiB,
    concurrency: 1,
    ...options,
  })
  return { transport, target, auth, compat, uploader }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('callbackCompat', () => {
  it('calls the callbacks in VODUpload order with one uploadInfo object per file', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, uploader, compat } = stack(callbacks)
    const bytes = patternBytes(350 * KiB)
    const file = uploader.addFile(transport.putFile('clip.mp4', bytes))
    const info = compat.uploadInfo(file)
    expect(calls.map((c) => c.name)).toEqual(['addFileSuccess'])
    await uploader.start()

    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    for (const call of calls) expect(call.args[0]).toBe(info)
    expect(calls.map((c) => c.state)).toEqual([
      'Ready',
      ...calls.slice(1, -2).map(() => 'Uploading'),
      'Success',
      'Success',
    ])

    const progress = calls.filter((c) => c.name === 'onUploadProgress')
    const fractions = progress.map((c) => c.args[2] as number)
    expect(progress.every((c) => c.args[1] === bytes.length)).toBe(true)
    expect(fractions[0]).toBe(0)
    expect(fractions.at(-1)).toBe(1)
    // The documented display, Math.ceil(loadedPercent * 100) + '%', shows 100 % only at the end.
    expect(fractions.slice(0, -1).every((f) => Math.ceil(f * 100) < 100)).toBe(true)
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions)
    expect(info).toMatchObject({
      file: { name: 'clip.mp4' },
      state: 'Success',
      loaded: 1,
      fileSize: bytes.length,
      endpoint: 'http://127.0.0.1:1',
      bucket: 'test-bucket',
      object: 'uploads/clip.mp4',
      isImage: false,
    })
    expect(compat.fileOf(info)).toBe(file)
    expect(compat.uploadInfo(file.id)).toBe(info)
  })

  it('keeps the multipart state in uploadInfo.checkpoint, without credentials', async () => {
    const { callbacks } = recordCallbacks()
    const { transport, uploader, compat, target } = stack(callbacks)
    const seen: unknown[] = []
    uploader.hooks.partUploaded.tap('test', (task) => {
      seen.push(JSON.parse(JSON.stringify(compat.uploadInfo(task)?.checkpoint)))
    })
    await uploader.upload(transport.putFile('clip.mp4', patternBytes(250 * KiB)))
    const uploadId = target.calls.find((c) => c.operation === 'InitiateMultipartUpload')
    expect(uploadId).toBeDefined()
    expect(seen.at(-1)).toMatchObject({
      name: 'clip.mp4',
      fileSize: 250 * KiB,
      partSize: 100 * KiB,
      doneParts: [
        { number: 1, etag: expect.any(String) },
        { number: 2, etag: expect.any(String) },
      ],
    })
    expect(JSON.stringify(seen)).not.toMatch(/secret-|token-/)
  })

  it('reports a failure with the service code and message, then ends with the failed file', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, target, uploader, compat } = stack(callbacks)
    target.failNext(
      'InitiateMultipartUpload',
      () =>
        new UploadError('ACCESS_DENIED', 'You have no right to access this object.', {
          status: 403,
          serverCode: 'AccessDenied',
        }),
    )
    const file = uploader.addFile(transport.putFile('clip.mp4', patternBytes(300 * KiB)))
    await uploader.start()
    const info = compat.uploadInfo(file)
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadFailed',
      'onUploadEnd',
    ])
    const failed = calls.find((c) => c.name === 'onUploadFailed')!
    expect(failed.args.slice(0, 3)).toEqual([
      info,
      'AccessDenied',
      'You have no right to access this object.',
    ])
    expect(failed.args[3]).toMatchObject({ code: 'ACCESS_DENIED' })
    expect(failed.state).toBe('Failure')
    expect(calls.at(-1)!.args).toEqual([info])
  })

  it('passes vodup’s code when the service sent none', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, target, uploader } = stack(callbacks)
    target.failNext('InitiateMultipartUpload', () => new UploadError('FILE_CHANGED', 'changed'))
    uploader.addFile(transport.putFile('clip.mp4', patternBytes(300 * KiB)))
    await uploader.start()
    expect(calls.find((c) => c.name === 'onUploadFailed')!.args.slice(1, 3)).toEqual([
      'FILE_CHANGED',
      'changed',
    ])
  })

  it('goes through several files in list order, a failure in the middle included', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, target, uploader, compat } = stack(callbacks)
    const a = uploader.addFile(transport.putFile('a.mp4', patternBytes(120 * KiB)))
    const b = uploader.addFile(transport.putFile('b.mp4', patternBytes(130 * KiB)))
    const c = uploader.addFile(transport.putFile('c.mp4', patternBytes(140 * KiB)))
    let failed = false
    uploader.hooks.fileStarted.tap('test', (task) => {
      if (task === b && !failed) {
        failed = true
        target.failNext('InitiateMultipartUpload', () => new UploadError('SERVICE_ERROR', 'nope'))
      }
    })
    await uploader.start()
    const name = (info: unknown) => (compat.fileOf(info)?.name ?? '-') as string
    const milestones = calls
      .filter((call) => call.name !== 'onUploadProgress' && call.name !== 'addFileSuccess')
      .map((call) => `${call.name}:${name(call.args[0])}`)
    expect(milestones).toEqual([
      'onUploadstarted:a.mp4',
      'onUploadSucceed:a.mp4',
      'onUploadstarted:b.mp4',
      'onUploadFailed:b.mp4',
      'onUploadstarted:c.mp4',
      'onUploadSucceed:c.mp4',
      'onUploadEnd:c.mp4',
    ])
    expect([a, b, c].map((f) => compat.uploadInfo(f)!.state)).toEqual([
      'Success',
      'Failure',
      'Success',
    ])
  })

  it('tells the app when the credentials expired, then carries on', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, target, uploader, compat, auth } = stack(callbacks)
    uploader.hooks.partUploaded.tap('test', (_task, part) => {
      if (part.n === 1) target.expireTokens()
    })
    const file = uploader.addFile(transport.putFile('clip.mp4', patternBytes(300 * KiB)))
    await uploader.start()
    const expired = calls.filter((c) => c.name === 'onUploadTokenExpired')
    expect(expired).toHaveLength(1)
    expect(expired[0].args[0]).toBe(compat.uploadInfo(file))
    expect(expired[0].args[1]).toMatchObject({ code: 'TOKEN_EXPIRED' })
    expect(expired[0].state).toBe('Uploading')
    expect(auth.counts.refresh).toBe(1)
    expect(callbackSequence(calls).slice(-2)).toEqual(['onUploadSucceed', 'onUploadEnd'])
  })

  it('reports a cancel with VODUpload’s cancel event', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, uploader, compat } = stack(callbacks)
    const file = uploader.addFile(transport.putFile('clip.mp4', patternBytes(300 * KiB)))
    uploader.hooks.partUploaded.tap('test', () => {
      void uploader.cancelFile(file.id)
    })
    await uploader.start()
    const canceled = calls.find((c) => c.name === 'onUploadCanceled')!
    expect(canceled.args).toEqual([compat.uploadInfo(file), { status: 0, name: 'cancel' }])
    expect(canceled.state).toBe('Canceled')
    expect(calls.at(-1)!.name).toBe('onUploadEnd')
  })

  it('reports a stop as a cancel event with the state Stoped, and no end', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, uploader, compat } = stack(callbacks)
    const file = uploader.addFile(transport.putFile('clip.mp4', patternBytes(300 * KiB)))
    uploader.hooks.partUploaded.tap('test', () => {
      void uploader.stop()
    })
    await uploader.start()
    expect(callbackSequence(calls).slice(-1)).toEqual(['onUploadCanceled'])
    expect(calls.at(-1)!.state).toBe('Stoped')
    expect(compat.uploadInfo(file)!.state).toBe('Stoped')
  })

  it('fires onUploadEnd even when a start finds nothing to upload', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { uploader } = stack(callbacks)
    await uploader.start()
    expect(calls.map((c) => [c.name, c.args])).toEqual([['onUploadEnd', [undefined]]])
  })

  it('reports a throwing callback on the console, naming it, and the upload goes on', async () => {
    const errors: unknown[][] = []
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args)
    })
    const bug = new TypeError("Cannot read properties of undefined (reading 'name')")
    const { calls, callbacks } = recordCallbacks({
      onUploadProgress: () => {
        throw bug
      },
      onUploadstarted: () => {
        throw new Error('started bug')
      },
    })
    const { transport, uploader, target } = stack(callbacks)
    const bytes = patternBytes(250 * KiB)
    await uploader.start()
    calls.length = 0
    errors.length = 0
    uploader.addFile(transport.putFile('clip.mp4', bytes))
    await uploader.start()
    expect(sameBytes(target.objects.get('test-bucket/uploads/clip.mp4'), bytes)).toBe(true)
    expect(callbackSequence(calls).slice(-2)).toEqual(['onUploadSucceed', 'onUploadEnd'])
    expect(errors[0]).toEqual(['[vodup] onUploadstarted threw', expect.any(Error)])
    expect(errors.slice(1).every((args) => args[0] === '[vodup] onUploadProgress threw')).toBe(true)
    expect(errors[1][1]).toBe(bug)
  })

  it('can report progress in percent, as the mini-program 1.0 SDK did', async () => {
    const { calls, callbacks } = recordCallbacks()
    const { transport, uploader } = stack(callbacks, {}, { progressUnit: 'percent' })
    await uploader.upload(transport.putFile('clip.mp4', patternBytes(250 * KiB)))
    const values = calls.filter((c) => c.name === 'onUploadProgress').map((c) => c.args[2])
    expect(values.at(-1)).toBe(100)
    expect(calls.at(-1)!.loaded).toBe(1)
  })

  it('describes the file: userData, image guess, the addFile destination', () => {
    const { callbacks } = recordCallbacks()
    const { transport, uploader, compat } = stack(callbacks)
    const video = uploader.addFile(transport.putFile('xjpg.mp4', patternBytes(10)), {
      meta: {
        userData: '{"Vod":{"Title":"标题","CateId":"234"}}',
        endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
        bucket: 'my-bucket',
        object: 'videos/a.mp4',
      },
    })
    const image = uploader.addFile(transport.putFile('cover.JPG', patternBytes(10)))
    const webp = uploader.addFile(transport.putFile('still.webp', patternBytes(10)))
    expect(compat.uploadInfo(video)).toMatchObject({
      isImage: false,
      userData: 'eyJWb2QiOnsiVGl0bGUiOiLmoIfpopgiLCJDYXRlSWQiOiIyMzQifX0=',
      videoInfo: { Title: '标题', CateId: '234' },
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      bucket: 'my-bucket',
      object: 'videos/a.mp4',
      state: 'Ready',
      loaded: 0,
      checkpoint: null,
      fileSize: 10,
    })
    expect(compat.uploadInfo(image)).toMatchObject({ isImage: true, userData: undefined })
    expect(compat.uploadInfo(webp)?.isImage).toBe(true)
  })

  it('refuses bad arguments with INVALID_ARGUMENT', () => {
    expect(() => callbackCompat(null as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'callbacks' }),
    )
    expect(() => callbackCompat({}, { progressUnit: 'permille' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'progressUnit' }),
    )
  })
})
