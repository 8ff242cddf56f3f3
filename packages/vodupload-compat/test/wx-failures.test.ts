import { describe, expect, it } from 'vitest'
import { callbackSequence, KiB, patternBytes, sameBytes } from '#test-support'
import { miniProgramStage } from './helpers/stage'

const stage = miniProgramStage()

describe('failures in a mini program', () => {
  it('reports a refused request with onUploadFailed (code and message), never as a success', async () => {
    stage.emulator.faults.failNext({
      operation: 'InitiateMultipartUpload',
      status: 403,
      code: 'AccessDenied',
    })
    const { uploader, calls } = stage.app('upload-auth')
    const info = await stage.upload({ uploader, calls }, patternBytes(300 * KiB, 21))
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadFailed',
      'onUploadEnd',
    ])
    const failed = calls.find((c) => c.name === 'onUploadFailed')!
    expect(failed.args.slice(0, 2)).toEqual([info, 'AccessDenied'])
    expect(failed.args[2]).toEqual(expect.stringMatching(/\S/))
    expect(calls.at(-1)!.args).toEqual([info])
    expect(info.state).toBe('Failure')
  })

  it('retries a failing part retryCount times, retryDuration apart, then succeeds', async () => {
    stage.emulator.faults.failNext({
      operation: 'UploadPart',
      status: 503,
      code: 'ServiceUnavailable',
      count: 2,
    })
    const { uploader, calls } = stage.app('upload-auth', {
      parallel: 1,
      retryCount: 2,
      retryDuration: 0.01,
    })
    const retries: number[] = []
    uploader.uploader.hooks.retry.tap('test', (attempt) => {
      retries.push(attempt.attempt)
    })
    const bytes = patternBytes(300 * KiB, 22)
    const info = await stage.upload({ uploader, calls }, bytes)
    expect(info.state).toBe('Success')
    expect(retries).toEqual([1, 2])
    expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
  })

  it('reports a connection that keeps failing once the retries are used up', async () => {
    stage.emulator.faults.resetConnection({ operation: 'UploadPart', afterBytes: 0, count: 10 })
    const { uploader, calls } = stage.app('upload-auth', {
      parallel: 1,
      retryCount: 1,
      retryDuration: 0.01,
    })
    await stage.upload({ uploader, calls }, patternBytes(300 * KiB, 23))
    const failed = calls.find((c) => c.name === 'onUploadFailed')!
    expect(failed.args[1]).toBe('NETWORK')
    expect(failed.args[2]).toEqual(expect.stringMatching(/\S/))
    expect(calls.some((c) => c.name === 'onUploadSucceed')).toBe(false)
  })

  it('asks for new STS credentials when VOD refuses the STS token as expired', async () => {
    stage.emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 403,
      code: 'InvalidSecurityToken.Expired',
    })
    const { uploader, calls } = stage.app('sts', {
      vodEndpoint: stage.emulator.url,
    })
    const bytes = patternBytes(200 * KiB, 24)
    await stage.upload({ uploader, calls }, bytes)
    expect(callbackSequence(calls)).toEqual([
      'addFileSuccess',
      'onUploadstarted',
      'onUploadTokenExpired',
      'onUploadProgress*',
      'onUploadSucceed',
      'onUploadEnd',
    ])
    const [info] = uploader.listFiles()
    expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
    expect(stage.emulator.requests().filter((e) => e.operation === 'AssumeRole')).toHaveLength(2)
  })

  it('uploads with a device clock 20 minutes off', async () => {
    stage.emulator.faults.skewClock(20 * 60 * 1000)
    const { uploader, calls } = stage.app('upload-auth')
    const bytes = patternBytes(300 * KiB, 25)
    const info = await stage.upload({ uploader, calls }, bytes)
    expect(info.state).toBe('Success')
    expect(sameBytes(await stage.stored(info), bytes)).toBe(true)
    expect(stage.emulator.requests().some((e) => e.code === 'RequestTimeTooSkewed')).toBe(true)
  })
})
