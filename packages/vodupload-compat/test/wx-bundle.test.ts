import { gzipSync } from 'node:zlib'
import { createWxDouble } from '@vodup/transport-wx/double'
import { parse } from 'acorn'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WX_BUDGET } from '../scripts/size-budget'
import { loadWxBundle, wxBundleText } from './helpers/wx-bundle'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('dist/vodupload.wx.js', () => {
  it(`stays within its budget (${WX_BUDGET.bytes} B minified, ${WX_BUDGET.gzipped} B gzipped)`, () => {
    const code = Buffer.from(wxBundleText())
    expect(code.length).toBeLessThanOrEqual(WX_BUDGET.bytes)
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(WX_BUDGET.gzipped)
  })

  it('is one ES2017 script with nothing left to require, no code generation and no post-ES2017 globals', () => {
    const code = wxBundleText()
    expect(() => parse(code, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow()
    // Each pattern's first match (with some context), so a failure names the culprit instead of printing 170 KB.
    const found = (pattern: RegExp) =>
      code.match(new RegExp(`.{0,60}${pattern.source}.{0,60}`))?.[0]
    expect(found(/\brequire\(/)).toBeUndefined()
    expect(found(/\bnew Function\b|\beval\(/)).toBeUndefined()
    expect(
      found(/\bObject\.hasOwn\b|\bperformance\.|\bqueueMicrotask\b|\bsetImmediate\b/),
    ).toBeUndefined()
  })

  it('exports the VODUpload class itself, also as default and VODUpload', () => {
    const VODUpload = loadWxBundle({})
    expect(typeof VODUpload).toBe('function')
    expect(VODUpload.default).toBe(VODUpload)
    expect(VODUpload.VODUpload).toBe(VODUpload)
    expect(VODUpload.name).not.toBe('')
  })

  it('accepts the options the mini-program SDK ignored, with one warning per option, and refuses a bad region', () => {
    const warnings: string[] = []
    vi.spyOn(console, 'warn').mockImplementation((message: string) => {
      warnings.push(message)
    })
    const double = createWxDouble()
    const VODUpload = loadWxBundle(double.wx)
    const legacy = { parallel: 10, partSize: '1048576', retryCount: '3', localCheckpoint: 1 }
    new VODUpload(legacy as never)
    new VODUpload(legacy as never)
    expect(warnings).toEqual([
      '[vodup] VODUpload option "partSize" is "1048576": 1048576 is used.',
      '[vodup] VODUpload option "parallel" is 10: 8 is used.',
      '[vodup] VODUpload option "retryCount" is "3": 3 is used.',
      '[vodup] VODUpload option "localCheckpoint" is 1: taken as true.',
    ])
    expect(() => new VODUpload({ region: 'oss-cn-beijing' })).toThrow(
      expect.objectContaining({ name: 'UploadError', code: 'INVALID_ARGUMENT', field: 'region' }),
    )
    double.dispose()
  })
})
