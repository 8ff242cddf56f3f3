import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseUserData, vodInfoOf } from './user-data'

describe('parseUserData', () => {
  it('returns the Vod object', () => {
    expect(parseUserData('{"Vod":{"Title":"标题","CateId":12}}')).toEqual({
      Title: '标题',
      CateId: 12,
    })
    expect(parseUserData('{}')).toEqual({})
    expect(parseUserData('{"Vod":null}')).toEqual({})
  })

  it('names the JSON problem of a string that is not JSON (the documented example with a stray quote)', () => {
    expect(() => parseUserData('{"Vod":{"Title":"test","CateId":"234"}"}')).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        field: 'userData',
        message:
          'userData is not valid JSON: expected "," or "}" but found "\\"" at position 38 (character 39), right after …":"test","CateId":"234"}.',
      }),
    )
  })

  it('refuses a top level or a Vod that is not an object', () => {
    for (const text of ['[]', '"x"', '3', 'null']) {
      expect(() => parseUserData(text)).toThrow(expect.objectContaining({ field: 'userData' }))
    }
    expect(() => parseUserData('{"Vod":"x"}')).toThrow(
      expect.objectContaining({ field: 'userData.Vod' }),
    )
  })

  it('never lets userData reach a prototype', () => {
    const hostile = fc.constantFrom(
      '{"__proto__":{"polluted":1},"Vod":{"Title":"t"}}',
      '{"Vod":{"__proto__":{"polluted":1},"Title":"t"}}',
      '{"Vod":{"constructor":{"prototype":{"polluted":1}},"Title":"t"}}',
      '{"Vod":{"UserData":{"__proto__":{"polluted":1}},"Title":"t"}}',
    )
    fc.assert(
      fc.property(hostile, (text) => {
        const info = parseUserData(text)
        const merged = { ...info, ...vodInfoOf({ userData: text }) }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        expect(Object.getPrototypeOf(info)).toBe(Object.prototype)
        expect(Object.keys(merged).sort()).toEqual(
          Object.keys(merged)
            .filter((k) => k !== '__proto__' && k !== 'constructor')
            .sort(),
        )
        expect(merged.Title).toBe('t')
      }),
    )
  })
})

describe('vodInfoOf', () => {
  it('overlays meta.vod on userData and ignores unsafe keys in it', () => {
    const vod = JSON.parse('{"Title":"from vod","__proto__":{"polluted":1}}')
    expect(vodInfoOf({ userData: '{"Vod":{"Title":"from json","CateId":1}}', vod })).toEqual({
      Title: 'from vod',
      CateId: 1,
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('names a userData that is not a string and a meta.vod that is not an object', () => {
    expect(() => vodInfoOf({ userData: 5 as never })).toThrow(
      expect.objectContaining({ field: 'userData' }),
    )
    expect(() => vodInfoOf({ vod: 'x' as never })).toThrow(
      expect.objectContaining({ field: 'meta.vod' }),
    )
  })
})
