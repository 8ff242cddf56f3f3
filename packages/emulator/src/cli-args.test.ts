import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli-args.js'

describe('parseCliArgs', () => {
  it('maps every option onto EmulatorOptions', () => {
    expect(
      parseCliArgs([
        '--port',
        '9000',
        '--host',
        '0.0.0.0',
        '--data-dir',
        '/tmp/x',
        '--memory-limit',
        '512',
        '--access-key-id',
        'id',
        '--access-key-secret',
        'secret',
        '--token-ttl',
        '60',
        '--headers-timeout',
        '5',
        '--request-timeout',
        '30',
        '--region',
        'cn-beijing',
        '--bucket',
        'b-1',
        '--request-log',
        'log.jsonl',
        '--quiet',
      ]),
    ).toEqual({
      help: false,
      quiet: true,
      options: {
        port: 9000,
        host: '0.0.0.0',
        dataDir: '/tmp/x',
        memoryLimitBytes: 512 * 1024 * 1024,
        accessKeyId: 'id',
        accessKeySecret: 'secret',
        tokenTtlSeconds: 60,
        headersTimeoutMs: 5000,
        requestTimeoutMs: 30_000,
        region: 'cn-beijing',
        bucket: 'b-1',
        requestLog: 'log.jsonl',
      },
    })
    expect(parseCliArgs([])).toEqual({ help: false, quiet: false, options: {} })
    expect(parseCliArgs(['-h'])).toEqual({ help: true })
  })

  it('rejects bad numbers and unknown options', () => {
    expect(() => parseCliArgs(['--token-ttl', '0'])).toThrow('--token-ttl must be an integer >= 1')
    expect(() => parseCliArgs(['--nope'])).toThrow()
    expect(() => parseCliArgs(['--access-key-id', 'id'])).toThrow('go together')
    expect(() => parseCliArgs(['--request-timeout', '0'])).toThrow('--request-timeout')
    expect(() => parseCliArgs(['--memory-limit', '0.5'])).toThrow('--memory-limit')
  })
})
