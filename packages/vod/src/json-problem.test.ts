import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findJsonProblem } from './json-problem'

const parses = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('findJsonProblem', () => {
  it('points at the stray quote of the documentation example', () => {
    expect(findJsonProblem('{"Vod":{"Title":"test","CateId":"234"}"}')).toEqual({
      position: 38,
      expected: '"," or "}"',
    })
  })

  it.each([
    ['', 0, 'a value (object, array, string, number, true, false or null)'],
    ['{"Vod":{}', 9, '"," or "}"'],
    ["{'Vod':{}}", 1, 'a property name in double quotes'],
    ['{"Vod" {}}', 7, '":"'],
    ['{"a":1,}', 7, 'a property name in double quotes'],
    ['[1,2', 4, '"," or "]"'],
    ['{"a":01}', 6, '"," or "}"'],
    ['{"a":"x\\q"}', 8, 'an escape character (one of " \\ / b f n r t u)'],
    ['{"a":tru}', 5, 'a value (object, array, string, number, true, false or null)'],
    ['{} {}', 3, 'the end of the text'],
    ['{"a":"\n"}', 6, 'an escaped control character'],
  ])('%j → position %i, expected %s', (text, position, expected) => {
    expect(findJsonProblem(text)).toEqual({ position, expected })
  })

  it('accepts everything JSON.stringify produces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findJsonProblem(JSON.stringify(value, null, 1))).toBeUndefined()
      }),
    )
  })

  it('agrees with JSON.parse on arbitrary and mangled texts', () => {
    const mangled = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', '"', ',', '}', ']', '{', ':', 'x', ' ', '\\'))
      .map(([json, at, insert]) => {
        const i = at % (json.length + 1)
        return json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0))
      })
    fc.assert(
      fc.property(fc.oneof(fc.string(), mangled), (text) => {
        expect(findJsonProblem(text) === undefined).toBe(parses(text))
      }),
      { numRuns: 2000 },
    )
  })
})
