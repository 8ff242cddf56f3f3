import { randomBytes } from 'node:crypto'
import fc from 'fast-check'

const isJson = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** Non-empty text that is not JSON. */
const notJson = fc.string({ unit: 'grapheme', minLength: 1 }).filter((text) => !isJson(text))

/** JSON that is not an object. */
const notObject = fc
  .oneof(
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
  )
  .map((value) => JSON.stringify(value))

/** An object whose `Vod` is not an object. */
const vodNotObject = fc
  .oneof(fc.integer(), fc.string(), fc.boolean(), fc.array(fc.jsonValue(), { maxLength: 3 }))
  .map((vod) => JSON.stringify({ Vod: vod }))

/** userData over vodup's caps: more than 4 KiB (up to 2 MB), or nested more than 16 levels (up to 100,000). */
const hugeOrDeep = fc.oneof(
  fc
    .integer({ min: 4097, max: 2_000_000 })
    .map((size) => JSON.stringify({ Vod: { Description: 'd'.repeat(size) } })),
  fc.integer({ min: 4097, max: 2_000_000 }).map((size) => '['.repeat(size)),
  fc.integer({ min: 17, max: 100_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .integer({ min: 15, max: 600 })
    .map((depth) => `{"Vod":{"UserData":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`),
)

/** `Vod` values over the limits VOD documents (Title 128 bytes, Description 1024, 16 tags of 32 bytes). */
const overVodLimits = fc.oneof(
  fc.integer({ min: 129, max: 5000 }).map((n) => JSON.stringify({ Vod: { Title: 't'.repeat(n) } })),
  fc.integer({ min: 43, max: 1000 }).map((n) => JSON.stringify({ Vod: { Title: '视'.repeat(n) } })),
  fc
    .integer({ min: 1025, max: 4000 })
    .map((n) => JSON.stringify({ Vod: { Description: 'd'.repeat(n) } })),
  fc
    .integer({ min: 17, max: 200 })
    .map((n) => JSON.stringify({ Vod: { Tags: Array(n).fill('t') } })),
  fc
    .integer({ min: 33, max: 200 })
    .map((n) => JSON.stringify({ Vod: { Tags: `a,${'t'.repeat(n)}` } })),
)

/**
 * userData text every API refuses: not JSON, not an object, `Vod` not an object, over the size or depth caps, or
 * over VOD's documented limits.
 */
export const badUserDataText: fc.Arbitrary<string> = fc.oneof(
  notJson,
  notObject,
  vodNotObject,
  hugeOrDeep,
  overVodLimits,
)

/** userData that is not a string at all. */
export const nonStringUserData: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
)

/** A `Vod` key that VOD takes as text, given a value it cannot send (the STS flow sends them itself). */
export const badVodParameter: fc.Arbitrary<string> = fc
  .record({
    key: fc.constantFrom('Title', 'Description', 'CateId', 'StorageLocation', 'AppId'),
    value: fc.oneof(
      fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
      fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
    ),
  })
  .map(({ key, value }) => JSON.stringify({ Vod: { [key]: value } }))

/** The property a successful pollution would add to Object.prototype. */
export const POLLUTION_KEY = `vodupPolluted${randomBytes(6).toString('hex')}`

const INJECTIONS = {
  proto: `"__proto__":{"${POLLUTION_KEY}":true}`,
  constructor: `"constructor":{"prototype":{"${POLLUTION_KEY}":true}}`,
  prototype: `"prototype":{"${POLLUTION_KEY}":true}`,
}

const safeKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/)

/**
 * userData JSON (valid) that tries to reach a prototype: `__proto__`, `constructor.prototype` or `prototype` keys
 * at the top, in `Vod`, or in `Vod.UserData`, among ordinary keys.
 */
export const pollutingUserData: fc.Arbitrary<string> = fc
  .record({
    how: fc.constantFrom(...(Object.keys(INJECTIONS) as Array<keyof typeof INJECTIONS>)),
    where: fc.constantFrom('top', 'Vod', 'Vod.UserData'),
    extras: fc.dictionary(safeKey, fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  })
  .map(({ how, where, extras }) => {
    const object = (...members: string[]) => `{${members.filter((m) => m !== '').join(',')}}`
    const extra = JSON.stringify(extras).slice(1, -1)
    const injection = INJECTIONS[how]
    if (where === 'top') return object(injection, `"Vod":{"Title":"polluter"}`, extra)
    if (where === 'Vod') return object(`"Vod":${object(injection, `"Title":"polluter"`, extra)}`)
    return object(`"Vod":${object(`"Title":"polluter"`, `"UserData":${object(injection, extra)}`)}`)
  })
