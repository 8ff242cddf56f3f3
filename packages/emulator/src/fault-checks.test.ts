import { describe, expect, it } from 'vitest'
import { checkSettings } from './fault-checks.js'

describe('fault inputs', () => {
  it('are refused with the bad field named', () => {
    const bad: [unknown, string][] = [
      [
        { failNext: { status: 99999, code: 'X' } },
        'failNext.status must be an integer from 200 to 599',
      ],
      [{ failNext: [{ status: 500, code: 'X' }, { status: 500 }] }, 'failNext[1].code'],
      [
        { failNext: { status: 500, code: 'X', operation: 'UploadParts' } },
        'failNext.operation must be one of',
      ],
      [{ failNext: { status: 500, code: '<x>' } }, 'failNext.code'],
      [{ failNext: { status: 500, code: 'X', count: 0 } }, 'failNext.count'],
      [{ resetConnection: { afterBytes: -1 } }, 'resetConnection.afterBytes'],
      [{ loseAnswer: { count: 1.5 } }, 'loseAnswer.count'],
      [{ latency: 'slow' }, 'latency must be an object'],
      [{ latency: { ms: -5 } }, 'latency.ms'],
      [{ bandwidth: { bytesPerSecond: Number.NaN } }, 'bandwidth.bytesPerSecond'],
      [{ skewClock: 1e20 }, 'skewClock'],
      [{ corruptNextPart: { count: -1 } }, 'corruptNextPart.count'],
      [{ rewriteAnswer: { partNumber: 10001 } }, 'rewriteAnswer.partNumber'],
      [
        { rewriteAnswer: { setHeaders: { ETag: 'a\r\nSet-Cookie: x' } } },
        'rewriteAnswer.setHeaders.ETag',
      ],
      [{ rewriteAnswer: { removeHeaders: ['Content-Length'] } }, 'may not be Content-Length'],
      [{ rewriteAnswer: { padTo: { bytes: 2 ** 41 } } }, 'rewriteAnswer.padTo.bytes'],
      [{ rewriteAnswer: { padTo: { bytes: 1, unsized: 'yes' } } }, 'rewriteAnswer.padTo.unsized'],
      [{ rewriteAnswer: { stauts: 200 } }, 'rewriteAnswer.stauts is not a field'],
      [{ hostileListParts: { mode: 'forever' } }, 'hostileListParts.mode'],
      [{ failnext: {} }, 'faults.failnext is not a field'],
      [{ clear: 'yes' }, 'faults.clear must be a boolean'],
      [[], 'faults must be an object'],
    ]
    for (const [settings, message] of bad) expect(() => checkSettings(settings)).toThrow(message)
  })

  it('fill in their defaults', () => {
    expect(
      checkSettings({
        failNext: { status: 503, code: 'ServiceUnavailable' },
        latency: null,
        hostileListParts: { mode: 'huge' },
      }),
    ).toMatchObject({
      failNext: [{ status: 503, code: 'ServiceUnavailable', count: 1 }],
      latency: { ms: 0 },
      hostileListParts: { mode: 'huge' },
    })
  })
})
