import {
  type AuthorizeContext,
  createUploader,
  SyncHook,
  type TokenExpiredContext,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { KiB, patternBytes, until } from '#test-support'
import { memoryStack } from './helpers'

/** An auth plugin whose answers the test gives by hand, recording what each tap received. */
function handAuth() {
  const contexts: Array<AuthorizeContext | TokenExpiredContext> = []
  const plugin: UploaderPlugin = {
    name: 'hand-auth',
    apply(kernel) {
      const wait = (context: AuthorizeContext) =>
        new Promise<undefined>((_resolve, reject) => {
          contexts.push(context)
          context.signal.onAbort(reject)
        })
      kernel.hooks.authorize.tapPromise('hand-auth', wait)
      kernel.hooks.tokenExpired.tapPromise('hand-auth', wait)
    },
  }
  return { plugin, contexts }
}

describe('authorize and tokenExpired receive one context with the file run signal', () => {
  it('authorize gets { file, signal }; stop aborts the signal, so a waiting tap ends and the file is stopped', async () => {
    const transport = memoryTransport()
    const auth = handAuth()
    const uploader = createUploader([transport, memoryTarget(), auth.plugin])
    const file = uploader.addFile(transport.putFile('a.mp4', patternBytes(10)))
    const run = uploader.start()
    await until(() => auth.contexts.length === 1)
    const [context] = auth.contexts
    expect(context.file).toBe(file)
    expect(context.signal.aborted).toBe(false)
    await uploader.stop()
    expect(context.signal.aborted).toBe(true)
    expect((await run).stopped).toEqual([file])
  })

  it('tokenExpired gets { file, error, signal } after credentialsExpired told observers, once per refresh', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 3 }, memoryAuth(), {
      delay: 2,
    })
    const seen: string[] = []
    let context: TokenExpiredContext | undefined
    uploader.hooks.credentialsExpired.tap('observer', ({ file, error }) => {
      seen.push(`expired:${file.name}:${error.code}`)
    })
    uploader.hooks.tokenExpired.tapPromise({ name: 'spy', before: 'memory-auth' }, async (c) => {
      seen.push(`tokenExpired:${c.file.name}`)
      context = c
      return undefined
    })
    uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n === 1) target.expireTokens()
    })
    const file = uploader.addFile(transport.putFile('b.mp4', patternBytes(600 * KiB)))
    await uploader.start()
    expect(file.state).toBe('success')
    expect(seen).toEqual(['expired:b.mp4:TOKEN_EXPIRED', 'tokenExpired:b.mp4'])
    expect(context?.file).toBe(file)
    expect(context?.error).toMatchObject({
      code: 'TOKEN_EXPIRED',
      serverCode: 'SecurityTokenExpired',
    })
    // The run is over: whatever still waited on its behalf has been told.
    expect(context?.signal.aborted).toBe(true)
  })

  it('the signal also aborts when the file fails, so a tap waiting for the app stops waiting', async () => {
    const transport = memoryTransport()
    const target = memoryTarget()
    let released: UploadError | undefined
    const uploader = createUploader([
      transport,
      target,
      memoryAuth(),
      {
        name: 'waits-for-app',
        apply(kernel) {
          kernel.hooks.authorize.tapPromise(
            { name: 'waits-for-app', before: 'memory-auth' },
            async ({ signal }) => {
              signal.onAbort((reason) => {
                released = reason
              })
              return undefined
            },
          )
        },
      },
    ])
    target.failNext('PutObject', () => new UploadError('ACCESS_DENIED', 'denied', { status: 403 }))
    const file = uploader.addFile(transport.putFile('c.mp4', patternBytes(10)))
    await uploader.start()
    expect(file.error?.code).toBe('ACCESS_DENIED')
    expect(released).toMatchObject({ code: 'ABORTED' })
  })
})

describe('a tap that throws something other than an UploadError', () => {
  it('fails the file with INTERNAL naming the tap, not with a service or auth code', async () => {
    const transport = memoryTransport()
    const uploader = createUploader([
      transport,
      memoryTarget(),
      {
        name: 'buggy-auth',
        apply(kernel) {
          kernel.hooks.authorize.tapPromise('buggy-auth', async ({ file }) => {
            return (file.meta as { missing: { field: string } }).missing.field as never
          })
        },
      },
    ])
    const file = uploader.addFile(transport.putFile('d.mp4', patternBytes(10)))
    await uploader.start()
    expect(file.error).toMatchObject({
      code: 'INTERNAL',
      retryable: false,
      message: expect.stringMatching(/^The "buggy-auth" tap of authorize threw: .*field/),
    })
  })

  it('passes an UploadError from an auth tap on as it is', async () => {
    const transport = memoryTransport()
    const refused = new UploadError('ACCESS_DENIED', 'The app server said no.', { status: 403 })
    const uploader = createUploader([
      transport,
      memoryTarget(),
      {
        name: 'strict-auth',
        apply(kernel) {
          kernel.hooks.authorize.tapPromise('strict-auth', async () => {
            throw refused
          })
        },
      },
    ])
    const file = uploader.addFile(transport.putFile('e.mp4', patternBytes(10)))
    await uploader.start()
    expect(file.error).toBe(refused)
  })
})

describe('notification hooks for observers', () => {
  it('checkpointSaved fires once the checkpoint is in the store, with what was stored', async () => {
    const { uploader, transport } = memoryStack({ concurrency: 1 })
    const stored: Array<{ parts: number; inStore: boolean }> = []
    uploader.hooks.checkpointSaved.tap('observer', ({ file, checkpoint }) => {
      const text = [...transport.storage.values()][0]
      stored.push({
        parts: checkpoint.doneParts.length,
        inStore:
          text !== undefined && JSON.parse(text).doneParts.length === checkpoint.doneParts.length,
      })
      expect(file.name).toBe('f.mp4')
    })
    await uploader.upload(transport.putFile('f.mp4', patternBytes(300 * KiB)))
    expect(stored.length).toBeGreaterThan(0)
    expect(stored.every((s) => s.inStore)).toBe(true)
    expect(stored.at(-1)?.parts).toBe(3)
  })

  it('a checkpoint kept by a saveCheckpoint tap is announced too, and the store is not written', async () => {
    const { uploader, transport } = memoryStack({ concurrency: 1 })
    const kept: number[] = []
    uploader.hooks.saveCheckpoint.tapPromise('elsewhere', async (_file, checkpoint) => {
      kept.push(checkpoint.doneParts.length)
      return true
    })
    let announced = 0
    uploader.hooks.checkpointSaved.tap('observer', () => {
      announced++
    })
    await uploader.upload(transport.putFile('g.mp4', patternBytes(300 * KiB)))
    expect(kept.length).toBeGreaterThan(0)
    expect(announced).toBe(kept.length)
    expect(transport.storage.size).toBe(0)
  })
})

describe('tap order', () => {
  it("`before` puts a later plugin's tap ahead of an earlier plugin's", async () => {
    const order: string[] = []
    const watcher = (name: string, before?: string): UploaderPlugin => ({
      name,
      apply(kernel) {
        kernel.hooks.fileAdded.tap(before ? { name, before } : name, () => {
          order.push(name)
        })
      },
    })
    const transport = memoryTransport()
    const uploader = createUploader([
      transport,
      memoryTarget(),
      watcher('first'),
      watcher('second'),
      watcher('urgent', 'first'),
    ])
    uploader.addFile(transport.putFile('h.mp4', patternBytes(1)))
    expect(order).toEqual(['urgent', 'first', 'second'])
  })
})

describe('kernel.containTaps', () => {
  it('gives a plugin-owned hook the kernel containment: a throwing tap is a warning naming the hook', () => {
    let stamped: SyncHook<[string]> | undefined
    const owner: UploaderPlugin = {
      name: 'stamper',
      apply(kernel) {
        stamped = kernel.containTaps('stamper:stamped', new SyncHook<[string]>(['mark']))
        kernel.hooks.fileAdded.tap('stamper', (file) => stamped?.call(file.name))
      },
    }
    const transport = memoryTransport()
    const uploader = createUploader([transport, memoryTarget(), owner])
    const seen: string[] = []
    stamped?.tap('broken', () => {
      throw new Error('boom')
    })
    stamped?.tap('fine', (mark) => {
      seen.push(mark)
    })
    const warnings: Array<{ code: string; message: string }> = []
    uploader.hooks.warning.tap('test', (error) =>
      warnings.push({ code: error.code, message: error.message }),
    )
    uploader.addFile(transport.putFile('i.mp4', patternBytes(1)))
    expect(seen).toEqual(['i.mp4'])
    expect(warnings).toEqual([
      { code: 'INTERNAL', message: 'The "broken" tap of stamper:stamped threw: boom' },
    ])
  })
})
