import { createUploader, type UploaderPlugin } from '@vodup/core'
import { memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'

const named = (name: string, requires?: string[]): UploaderPlugin => ({
  name,
  requires,
  apply() {},
})

describe('plugins', () => {
  it('flattens presets and nested lists, skips falsy entries, applies in enforce order', () => {
    const order: string[] = []
    const track = (name: string, enforce?: 'pre' | 'post'): UploaderPlugin => ({
      name,
      enforce,
      apply: () => {
        order.push(name)
      },
    })
    createUploader([
      memoryTransport(),
      [memoryTarget(), false, null, [track('late', 'post'), undefined]],
      { name: 'preset', plugins: [track('a'), track('early', 'pre')] },
      track('b'),
    ])
    expect(order).toEqual(['early', 'a', 'b', 'late'])
  })

  it('rejects duplicate names', () => {
    expect(() =>
      createUploader([memoryTransport(), memoryTarget(), named('x'), [named('x')]]),
    ).toThrow(
      expect.objectContaining({ code: 'PLUGIN_CONFLICT', message: expect.stringContaining('"x"') }),
    )
  })

  it('names a missing required plugin', () => {
    expect(() =>
      createUploader([
        memoryTransport(),
        memoryTarget(),
        named('compat', ['auth-sts', 'memory-target']),
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'PLUGIN_MISSING',
        message: 'Plugin "compat" requires "auth-sts", which is not in the plugin list.',
      }),
    )
  })

  it('says which role is missing when no transport or target was provided', () => {
    expect(() => createUploader([memoryTarget()])).toThrow(
      expect.objectContaining({
        code: 'PLUGIN_MISSING',
        message: expect.stringContaining('No transport'),
      }),
    )
    expect(() => createUploader([memoryTransport()])).toThrow(
      expect.objectContaining({
        code: 'PLUGIN_MISSING',
        message: expect.stringContaining('No target'),
      }),
    )
  })

  it('rejects two transports and malformed plugins', () => {
    expect(() =>
      createUploader([memoryTransport(), { ...memoryTransport(), name: 'other' }]),
    ).toThrow(expect.objectContaining({ code: 'PLUGIN_CONFLICT' }))
    expect(() => createUploader([{ name: '', apply() {} }])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => createUploader([42 as never])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('gives plugins the hooks, the uploader and the resolved options at initialize', () => {
    let seen: unknown
    createUploader(
      [
        memoryTransport(),
        memoryTarget(),
        {
          name: 'probe',
          apply(kernel) {
            kernel.hooks.initialize.tap('probe', () => {
              seen = {
                concurrency: kernel.options.concurrency,
                has: kernel.hasPlugin('memory-target'),
              }
            })
          },
        },
      ],
      { concurrency: 3 },
    )
    expect(seen).toEqual({ concurrency: 3, has: true })
  })
})

describe('a failed construction', () => {
  it('runs the disposers of the plugins applied before the failure', () => {
    const disposed: string[] = []
    const withDisposer = (name: string): UploaderPlugin => ({
      name,
      apply: () => () => {
        disposed.push(name)
      },
    })
    expect(() =>
      createUploader(
        [
          memoryTransport({ capabilities: { maxConcurrency: 2 } }),
          memoryTarget(),
          withDisposer('a'),
          withDisposer('b'),
        ],
        { concurrency: 3 },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(disposed).toEqual(['b', 'a'])
  })
})
