import { createUploader, isUploadError } from '@vodup/core'
import { memoryTarget } from '@vodup/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createWxDouble, type WxDouble } from '../src/double/index'
import {
  createWxTransport,
  MAX_CONCURRENCY,
  type WxTransportOptions,
  wxTransport,
} from '../src/index'

let double: WxDouble | undefined
afterEach(() => double?.dispose())

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return isUploadError(error) ? `${error.code} ${error.field}` : String(error)
  }
  return undefined
}

describe('wxTransport options', () => {
  it('defaults to 4 requests at once and 1 MiB parts, with no byte-level progress', () => {
    double = createWxDouble()
    const transport = createWxTransport({ wx: double.wx })
    expect(transport.capabilities).toEqual({
      uploadProgress: false,
      maxConcurrency: 4,
      defaultConcurrency: 4,
      defaultPartSize: 1024 * 1024,
    })
    transport.dispose()
  })

  it.each<[WxTransportOptions, string]>([
    [{ concurrency: MAX_CONCURRENCY + 1 }, 'INVALID_ARGUMENT concurrency'],
    [{ concurrency: 0 }, 'INVALID_ARGUMENT concurrency'],
    [{ concurrency: 2.5 }, 'INVALID_ARGUMENT concurrency'],
    [{ timeoutMs: 60_001 }, 'INVALID_ARGUMENT timeoutMs'],
    [{ formUpload: { maxSize: -1 } }, 'INVALID_ARGUMENT formUpload.maxSize'],
    [{ storage: { prefix: '' } }, 'INVALID_ARGUMENT storage.prefix'],
    [{ storage: { maxRecords: 0 } }, 'INVALID_ARGUMENT storage.maxRecords'],
    [{ readMode: 'mmap' as never }, 'INVALID_ARGUMENT readMode'],
  ])('refuses %j at once', (options, expected) => {
    expect(codeOf(() => wxTransport(options))).toBe(expected)
  })

  it('refuses a wx object without request or getFileSystemManager', () => {
    expect(codeOf(() => createWxTransport({ wx: {} as never }))).toBe('INVALID_ARGUMENT wx')
  })

  it('explains the platform limit when concurrency is too high', () => {
    expect(() => wxTransport({ concurrency: 9 })).toThrow(/at most 10 requests at once.*at most 8/)
  })

  it('can be imported and configured outside WeChat; without a wx it fails when applied', () => {
    const plugin = wxTransport()
    expect(plugin.name).toBe('transport-wx')
    expect(plugin.transport).toBeUndefined()
    expect(codeOf(() => createUploader([plugin, memoryTarget()]))).toBe('INVALID_ARGUMENT wx')
  })

  it('provides the transport to the kernel and stops listening when the uploader is disposed', async () => {
    double = createWxDouble()
    const plugin = wxTransport({ wx: double.wx, concurrency: 2 })
    const uploader = createUploader([plugin, memoryTarget()])
    expect(plugin.transport?.name).toBe('wx')
    expect(double.listenerCounts()).toEqual({ hide: 1, show: 1, network: 1 })
    await uploader.dispose()
    expect(double.listenerCounts()).toEqual({ hide: 0, show: 0, network: 0 })
  })

  it('lets the kernel refuse an uploader concurrency above the transport cap', () => {
    double = createWxDouble()
    const plugins = [wxTransport({ wx: double.wx, concurrency: 2 }), memoryTarget()]
    expect(codeOf(() => createUploader(plugins, { concurrency: 3 }))).toBe(
      'INVALID_ARGUMENT concurrency',
    )
  })
})
