import {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  createUploader,
  SyncWaterfallHook,
  type UploaderHooks,
} from '@vodup/core'
import { memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { sameBytes, uploadAddressFor, uploadAuthFor } from '#test-support'
import { uploadAuth } from './plugin'

const KiB = 1024

function bytes(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) & 0xff)
}

function stack(plugin: ReturnType<typeof uploadAuth>, targetDelay = 0) {
  const transport = memoryTransport()
  const target = memoryTarget({ delay: targetDelay })
  const uploader = createUploader([transport, target, plugin], {
    partSize: 100 * KiB,
    concurrency: 2,
  })
  return { transport, target, uploader }
}

const answer = (token: string, key = 'sv/abc/abc.mp4') => ({
  uploadAuth: uploadAuthFor(token),
  uploadAddress: uploadAddressFor(key),
  videoId: 'video-1',
})

/** UploadPart requests the target acknowledged, per part number. */
function acknowledgedPerPart(target: ReturnType<typeof memoryTarget>): Map<number, number> {
  const counts = new Map<number, number>()
  for (const call of target.calls) {
    if (call.operation !== 'UploadPart' || call.outcome !== 'ok') continue
    counts.set(call.partNumber as number, (counts.get(call.partNumber as number) ?? 0) + 1)
  }
  return counts
}

/** Expires every token once, right after part `n` is acknowledged. */
function expireAfterPart(
  uploader: { hooks: UploaderHooks },
  target: ReturnType<typeof memoryTarget>,
  n: number,
) {
  let done = false
  uploader.hooks.partUploaded.tap('test', (_file, part) => {
    if (done || part.n !== n) return
    done = true
    target.expireTokens()
  })
}

describe('uploadAuth() with getUploadAuth / refreshUploadAuth', () => {
  it('uploads with the answer of getUploadAuth and reports the video id', async () => {
    const asked: string[] = []
    const plugin = uploadAuth({
      getUploadAuth: async (file) => {
        asked.push(file.name)
        return answer('token-1')
      },
    })
    const { transport, target, uploader } = stack(plugin)
    const content = bytes(350 * KiB)
    const result = await uploader.upload(transport.putFile('movie.mp4', content))
    expect(asked).toEqual(['movie.mp4'])
    expect(sameBytes(target.objects.get('outin-test/sv/abc/abc.mp4'), content)).toBe(true)
    expect(result.videoId).toBe('video-1')
    expect(result.bucket).toBe('outin-test')
    expect(uploader.listFiles()[0].videoId).toBe('video-1')
  })

  it('refreshes through refreshUploadAuth with the file video id and sends no acknowledged part twice', async () => {
    const refreshedFor: Array<string | undefined> = []
    const plugin = uploadAuth({
      getUploadAuth: async () => answer('token-1'),
      refreshUploadAuth: async (file) => {
        refreshedFor.push(file.videoId)
        return { uploadAuth: uploadAuthFor('token-2') }
      },
    })
    const { transport, target, uploader } = stack(plugin)
    expireAfterPart(uploader, target, 2)
    const content = bytes(600 * KiB)
    await uploader.upload(transport.putFile('movie.mp4', content))
    expect(refreshedFor).toEqual(['video-1'])
    expect(sameBytes(target.objects.get('outin-test/sv/abc/abc.mp4'), content)).toBe(true)
    expect([...acknowledgedPerPart(target).values()].every((n) => n === 1)).toBe(true)
    expect(acknowledgedPerPart(target).size).toBe(6)
    const tokens = target.calls.filter((c) => c.outcome === 'ok').map((c) => c.token)
    expect(tokens.at(-1)).toBe('CAIStoken-2securitytoken')
  })

  it('refreshes ahead of the expiry, before the server refuses anything', async () => {
    let refreshes = 0
    // Valid for 0.3 s from receipt; the upload takes longer (six 60 ms operations at least), so the kernel
    // refreshes before one of its requests, ahead of the expiry.
    const shortLived = () => ({
      uploadAuth: btoaJson({
        SecurityToken: 'CAIStoken-1',
        AccessKeyId: 'STS.id',
        AccessKeySecret: 'secret-1',
        Expiration: '0.3',
        Region: 'cn-shanghai',
      }),
      uploadAddress: uploadAddressFor(),
      videoId: 'video-1',
    })
    const plugin = uploadAuth({
      getUploadAuth: async () => shortLived(),
      refreshUploadAuth: async () => {
        refreshes++
        return answer('token-2')
      },
    })
    const { transport, target, uploader } = stack(plugin, 60)
    await uploader.upload(transport.putFile('movie.mp4', bytes(600 * KiB)))
    expect(refreshes).toBe(1)
    expect(target.calls.every((c) => c.outcome === 'ok')).toBe(true)
    expect(target.calls.at(-1)?.token).toBe('CAIStoken-2securitytoken')
  })

  it('refuses an empty file with EMPTY_FILE without asking for credentials', async () => {
    let asked = 0
    const plugin = uploadAuth({
      getUploadAuth: async () => {
        asked++
        return answer('token-1')
      },
    })
    const { transport, uploader } = stack(plugin)
    await expect(
      uploader.upload(transport.putFile('empty.mp4', new Uint8Array(0))),
    ).rejects.toMatchObject({
      code: 'EMPTY_FILE',
    })
    expect(asked).toBe(0)
  })

  it('fails the file with AUTH_INVALID naming the field of a bad answer', async () => {
    const plugin = uploadAuth({
      getUploadAuth: async () => ({
        uploadAuth: uploadAuthFor(),
        uploadAddress: btoaJson({ Endpoint: 'x.com' }),
      }),
    })
    const { transport, uploader } = stack(plugin)
    await expect(uploader.upload(transport.putFile('movie.mp4', bytes(10)))).rejects.toMatchObject({
      code: 'AUTH_INVALID',
      field: 'UploadAddress.Bucket',
    })
  })

  it('reports a failing getUploadAuth as AUTH_MISSING', async () => {
    const plugin = uploadAuth({
      getUploadAuth: async () => {
        throw new Error('app server is down')
      },
    })
    const { transport, uploader } = stack(plugin)
    await expect(uploader.upload(transport.putFile('movie.mp4', bytes(10)))).rejects.toMatchObject({
      code: 'AUTH_MISSING',
      message: 'getUploadAuth() failed: app server is down',
    })
  })

  it('refuses bad options, naming the option', () => {
    expect(() => uploadAuth(undefined as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'options' }),
    )
    expect(() => uploadAuth({ getUploadAuth: 'x' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'getUploadAuth' }),
    )
    expect(() => uploadAuth({ refreshUploadAuth: async () => answer('t') } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'getUploadAuth' }),
    )
    expect(() =>
      uploadAuth({ getUploadAuth: async () => answer('t'), allowPlainHttp: 'yes' as never }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'allowPlainHttp' }))
  })
})

describe('plain HTTP', () => {
  const addressTo = (endpoint: string) => ({
    ...answer('t'),
    uploadAddress: uploadAddressFor('sv/abc/abc.mp4', endpoint),
  })

  it('refuses an UploadAddress that is http:// to a host that is not loopback, before any request', async () => {
    for (const endpoint of [
      'http://10.0.0.7',
      'http://169.254.169.254',
      'http://oss.example.com',
    ]) {
      const { transport, target, uploader } = stack(
        uploadAuth({ getUploadAuth: async () => addressTo(endpoint) }),
      )
      const error = await uploader
        .upload(transport.putFile('movie.mp4', bytes(10)))
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'AUTH_INVALID', field: 'UploadAddress.Endpoint' })
      expect(String((error as Error).message)).toContain('allowPlainHttp')
      expect(target.calls).toEqual([])
    }
  })

  it('accepts loopback over http://, and any host when allowPlainHttp is set', async () => {
    for (const [endpoint, allowPlainHttp] of [
      ['http://127.0.0.1:9000', false],
      ['http://127.8.9.10', false],
      ['http://[::1]:9000', false],
      ['http://localhost:9000', false],
      ['http://10.0.0.7', true],
    ] as const) {
      const { transport, target, uploader } = stack(
        uploadAuth({ getUploadAuth: async () => addressTo(endpoint), allowPlainHttp }),
      )
      const result = await uploader.upload(transport.putFile('movie.mp4', bytes(10)))
      expect(result.endpoint).toBe(endpoint)
      expect(target.objects.size).toBe(1)
    }
  })
})

describe('secrets', () => {
  it('never appear in a hook payload or a log line', async () => {
    const plugin = uploadAuth({
      getUploadAuth: async () => answer('token-1'),
      refreshUploadAuth: async () => ({ uploadAuth: uploadAuthFor('token-2') }),
    })
    const { transport, target, uploader } = stack(plugin)
    const seen: string[] = []
    tapEveryHook(uploader.hooks, (name, args) => seen.push(`${name}: ${safeJson(args)}`))
    expireAfterPart(uploader, target, 1)
    await uploader.upload(transport.putFile('movie.mp4', bytes(300 * KiB)))
    const all = seen.join('\n')
    expect(all).toContain('partUploaded')
    expect(all).toContain('tokenExpired')
    for (const secret of ['secret-of-token', 'securitytoken']) expect(all).not.toContain(secret)
  })
})

function btoaJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64')
}

function safeJson(value: unknown): string {
  const seen = new WeakSet<object>()
  return JSON.stringify(value, (_key, v) => {
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[seen]'
      seen.add(v)
    }
    return v instanceof Uint8Array ? `[${v.length} bytes]` : v
  })
}

function tapEveryHook(hooks: UploaderHooks, record: (name: string, args: unknown[]) => void) {
  type Observer = (...args: unknown[]) => unknown
  type AnyHook = {
    tap(options: { name: string; before: string }, fn: Observer): void
    tapPromise(options: { name: string; before: string }, fn: Observer): void
  }
  for (const [name, hook] of Object.entries(hooks) as Array<[string, AnyHook]>) {
    const passThrough =
      hook instanceof SyncWaterfallHook || hook instanceof AsyncSeriesWaterfallHook
    const observe = (...args: unknown[]) => {
      record(name, args)
      return passThrough ? args[0] : undefined
    }
    const isAsync =
      hook instanceof AsyncSeriesHook ||
      hook instanceof AsyncSeriesBailHook ||
      hook instanceof AsyncSeriesWaterfallHook
    const observed = hook as AnyHook
    if (isAsync) {
      observed.tapPromise({ name: 'observer', before: 'auth-uploadauth' }, async (...args) =>
        observe(...args),
      )
    } else observed.tap({ name: 'observer', before: 'auth-uploadauth' }, observe)
  }
}
