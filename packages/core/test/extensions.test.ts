import {
  type Authorization,
  type AuthorizeContext,
  createUploader,
  type FileTask,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import { memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { KiB, patternBytes, until } from '#test-support'

/** A layer's field, read without declaring it into core's types (this test must not widen FileTask). */
const mediaIdOf = (value: unknown) => (value as { mediaId?: string }).mediaId

/** An auth plugin in the way a cloud layer writes one: its media id travels as an extension field. */
function mediaAuth(
  extensions: (file: FileTask, call: number) => Record<string, unknown> | undefined,
  destination: (file: FileTask, call: number) => string = (file) => `uploads/${file.name}`,
): UploaderPlugin & { calls: number } {
  const plugin = {
    name: 'media-auth',
    calls: 0,
    apply(kernel: Parameters<UploaderPlugin['apply']>[0]) {
      const issue = async ({ file }: AuthorizeContext): Promise<Authorization> => {
        plugin.calls++
        return {
          credentials: {
            accessKeyId: 'id',
            accessKeySecret: 'secret',
            securityToken: `t${plugin.calls}`,
          },
          destination: {
            endpoint: 'http://127.0.0.1:1',
            bucket: 'media',
            objectKey: destination(file, plugin.calls),
          },
          extensions: extensions(file, plugin.calls) as Authorization['extensions'],
        }
      }
      kernel.hooks.authorize.tapPromise('media-auth', issue)
      kernel.hooks.tokenExpired.tapPromise('media-auth', issue)
    },
  }
  return plugin
}

describe('the extension slot', () => {
  it("puts an authorization's extension fields on the file and its result, and keeps them in the checkpoint", async () => {
    const transport = memoryTransport()
    const target = memoryTarget({ delay: 2 })
    const auth = mediaAuth(() => ({ mediaId: 'm-1' }))
    const uploader = createUploader([transport, target, auth], {
      partSize: 100 * KiB,
      concurrency: 1,
    })
    const file = uploader.addFile(transport.putFile('a.mp4', patternBytes(500 * KiB)))
    const saved: unknown[] = []
    uploader.hooks.checkpointSaved.tap('test', ({ checkpoint }) =>
      saved.push(checkpoint.extensions),
    )
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      if (++parts === 2) void uploader.stop()
    })
    await uploader.start()
    expect(file.state).toBe('stopped')
    expect(mediaIdOf(file)).toBe('m-1')
    expect(saved.at(-1)).toEqual({ mediaId: 'm-1' })
    expect(JSON.parse([...transport.storage.values()][0]).extensions).toEqual({ mediaId: 'm-1' })
    expect(JSON.parse(JSON.stringify(file))).toMatchObject({ mediaId: 'm-1' })

    // A new uploader (the app restarted) on the same store: the field is back before authorize asks.
    const again = createUploader(
      [{ ...transport, name: 'memory-transport' }, target, mediaAuth(() => undefined)],
      { partSize: 100 * KiB, concurrency: 1 },
    )
    const seenAtStart: Array<string | undefined> = []
    again.hooks.fileStarted.tap('test', (started) => seenAtStart.push(mediaIdOf(started)))
    const result = await again.upload({ name: 'a.mp4' })
    expect(seenAtStart).toEqual(['m-1'])
    expect(mediaIdOf(result)).toBe('m-1')
    expect(result.partsResumed).toBe(2)
  })

  it('a refresh naming another destination mid-upload changes neither the destination nor the fields', async () => {
    const transport = memoryTransport()
    const target = memoryTarget({ delay: 2 })
    const auth = mediaAuth(
      (_file, call) => ({ mediaId: `m-${call}` }),
      (file, call) => `uploads/${call}/${file.name}`,
    )
    const uploader = createUploader([transport, target, auth], {
      partSize: 100 * KiB,
      concurrency: 1,
    })
    uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n === 1) target.expireTokens()
    })
    const result = await uploader.upload(transport.putFile('b.mp4', patternBytes(300 * KiB)))
    expect(auth.calls).toBe(2)
    expect(result.objectKey).toBe('uploads/1/b.mp4')
    expect(mediaIdOf(result)).toBe('m-1')
  })

  it('refuses an extension that takes a field of the file, or holds something else than a plain value', async () => {
    for (const [extensions, field] of [
      [{ state: 'success' }, 'extensions.state'],
      [{ mediaId: { nested: true } }, 'extensions.mediaId'],
      [['m'], 'extensions'],
    ] as const) {
      const transport = memoryTransport()
      const uploader = createUploader([
        transport,
        memoryTarget(),
        mediaAuth(() => extensions as never),
      ])
      const file = uploader.addFile(transport.putFile('c.mp4', patternBytes(10)))
      await uploader.start()
      expect(file.error).toMatchObject({ code: 'AUTH_INVALID', field })
      expect(file.state).toBe('failure')
    }
  })

  it('beforeAdd may start a file with extension fields; bad ones are INVALID_ARGUMENT', () => {
    const transport = memoryTransport()
    const uploader = createUploader([
      transport,
      memoryTarget(),
      {
        name: 'layer',
        apply(kernel) {
          kernel.hooks.beforeAdd.tap('layer', (request) => ({
            ...request,
            extensions: { mediaId: request.meta.mediaId } as never,
          }))
        },
      },
    ])
    const file = uploader.addFile(transport.putFile('d.mp4', patternBytes(1)), {
      meta: { mediaId: 'm-9' },
    })
    expect(mediaIdOf(file)).toBe('m-9')
    expect(() =>
      uploader.addFile(transport.putFile('e.mp4', patternBytes(1)), { meta: { mediaId: [1] } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'extensions.mediaId' }))
    expect(uploader.listFiles()).toEqual([file])
  })
})

describe('one writer of a file per run', () => {
  it('a cancel after a refresh aborts the upload with the newest credentials (kept by the run, not the file)', async () => {
    const transport = memoryTransport()
    const target = memoryTarget({ delay: 3 })
    const auth = mediaAuth(() => undefined)
    const uploader = createUploader([transport, target, auth], {
      partSize: 100 * KiB,
      concurrency: 1,
    })
    const file = uploader.addFile(transport.putFile('f.mp4', patternBytes(600 * KiB)))
    uploader.hooks.partUploaded.tap('test', (_f, part) => {
      if (part.n === 1) target.expireTokens()
    })
    const run = uploader.start()
    await until(
      () => auth.calls === 2 && target.calls.some((c) => c.token === 't2' && c.outcome === 'ok'),
    )
    await uploader.cancelFile(file.id)
    await run
    const abort = target.calls.find((c) => c.operation === 'AbortMultipartUpload')
    expect(abort).toMatchObject({ outcome: 'ok', token: 't2' })
    expect(file.state).toBe('canceled')
    expect(file.uploadId).toBeUndefined()
    expect(JSON.stringify(file)).not.toContain('secret')
  })

  it('every state change goes through stateChanged, in an order the state machine allows', async () => {
    const transport = memoryTransport()
    const target = memoryTarget()
    const uploader = createUploader([transport, target, mediaAuth(() => undefined)], {
      partSize: 100 * KiB,
    })
    const changes: string[] = []
    uploader.hooks.stateChanged.tap('test', (file, previous) =>
      changes.push(`${previous}>${file.state}`),
    )
    target.failNext('UploadPart', () => new UploadError('ACCESS_DENIED', 'denied', { status: 403 }))
    const file = uploader.addFile(transport.putFile('g.mp4', patternBytes(300 * KiB)))
    await uploader.start()
    await uploader.start()
    await uploader.cancelFile(file.id).catch(() => {})
    expect(changes).toEqual([
      'ready>uploading',
      'uploading>awaiting-credentials',
      'awaiting-credentials>uploading',
      'uploading>failure',
      'failure>ready',
      'ready>uploading',
      'uploading>awaiting-credentials',
      'awaiting-credentials>uploading',
      'uploading>success',
    ])
  })
})
