import { describe, expect, it } from 'vitest'
import { uploadErrorThrownBy } from '#test-support'
import { parseUserData, vodInfoOf } from './user-data'
import { truncateUtf8, USER_DATA_LIMITS, utf8Length } from './user-data-limits'
import { checkVodInfo, uploadActionParams } from './vod-params'

const withVod = (vod: Record<string, unknown>) => ({
  meta: { userData: JSON.stringify({ Vod: vod }) },
})

describe('userData caps', () => {
  it('refuses a text over 4 KiB before parsing it, at any size', () => {
    for (const size of [USER_DATA_LIMITS.bytes + 1, 1_000_000, 50_000_000]) {
      const text = `{"Vod":{"Description":"${'x'.repeat(size)}"}}`
      const error = uploadErrorThrownBy(() => parseUserData(text))
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'userData' })
      expect(error.message.length).toBeLessThan(300)
    }
    // 4 KiB counted in UTF-8 bytes: 1400 three-byte characters are over, though 1400 UTF-16 units are not.
    expect(() => parseUserData(`{"x":"${'视'.repeat(1400)}"}`)).toThrow(
      expect.objectContaining({ field: 'userData' }),
    )
    expect(parseUserData(`{"Vod":{"Title":"${'t'.repeat(100)}"}}`)).toEqual({
      Title: 't'.repeat(100),
    })
  })

  it('gives deeply nested input a clear message instead of a stack overflow', () => {
    for (const depth of [17, 500, 2000]) {
      for (const text of [
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
        `{"Vod":{"UserData":${'{"a":'.repeat(depth / 4)}1${'}'.repeat(depth / 4)}}}`,
        '['.repeat(depth), // not even JSON
      ]) {
        if (text.startsWith('{') && depth / 4 + 2 <= USER_DATA_LIMITS.depth) continue
        const error = uploadErrorThrownBy(() => parseUserData(text))
        expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'userData' })
        expect(error.message).toContain('levels deep')
      }
    }
    // Brackets inside strings do not count.
    expect(parseUserData(`{"Vod":{"Title":"${'['.repeat(40)}"}}`)).toEqual({
      Title: '['.repeat(40),
    })
  })

  it('refuses a meta.vod or a Vod.UserData object that nests too deeply or refers to itself', () => {
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 100_000; i++) {
      const next = {}
      deep.a = next
      deep = next
    }
    expect(uploadErrorThrownBy(() => vodInfoOf({ vod: root }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'meta.vod',
    })
    const cyclic: Record<string, unknown> = { Title: 't' }
    cyclic.UserData = cyclic
    expect(uploadErrorThrownBy(() => checkVodInfo({ meta: { vod: cyclic } }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'meta.vod',
    })
  })

  it("refuses values over VOD's documented limits, naming the key", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ Title: 't'.repeat(129) }, 'userData.Vod.Title'],
      [{ Title: '视'.repeat(43) }, 'userData.Vod.Title'], // 129 bytes
      [{ Description: 'd'.repeat(1025) }, 'userData.Vod.Description'],
      [{ CoverURL: `https://x/${'c'.repeat(1020)}` }, 'userData.Vod.CoverURL'],
      [{ Tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, 'userData.Vod.Tags'],
      [{ Tags: `ok,${'t'.repeat(33)}` }, 'userData.Vod.Tags'],
    ]
    for (const [vod, field] of cases) {
      expect(uploadErrorThrownBy(() => checkVodInfo(withVod(vod))).field).toBe(field)
    }
    expect(() =>
      checkVodInfo(
        withVod({
          Title: 't'.repeat(128),
          Description: 'd'.repeat(1024),
          Tags: Array.from({ length: 16 }, () => 't'.repeat(32)),
        }),
      ),
    ).not.toThrow()
  })

  it('cuts a default title taken from a long file name to 128 bytes without splitting a character', () => {
    const name = `${'视频'.repeat(40)}.mp4`
    const params = uploadActionParams('CreateUploadVideo', {
      name,
      size: 10,
      meta: {},
      videoId: undefined,
    })
    expect(utf8Length(params.Title as string)).toBeLessThanOrEqual(128)
    expect(name.startsWith(params.Title as string)).toBe(true)
    expect(params.FileName).toBe(name)
    expect(truncateUtf8('ab视', 4)).toBe('ab')
    expect(truncateUtf8('ab视', 5)).toBe('ab视')
  })
})
