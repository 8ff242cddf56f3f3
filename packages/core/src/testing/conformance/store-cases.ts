import { check, describe, rejection } from './checks'
import { type ConformanceContext, patternBytes } from './context'
import type { ConformanceCase } from './types'

/** Two stored texts hold one JSON value (a store may keep values as JSON, not as the text given). */
function sameJson(actual: string | undefined, expected: string): boolean {
  if (typeof actual !== 'string') return false
  try {
    return JSON.stringify(JSON.parse(actual)) === JSON.stringify(JSON.parse(expected))
  } catch {
    return false
  }
}

/** The `store` cases: the checkpoint store's get, set and remove. */
export function storeCases(context: ConformanceContext): ConformanceCase[] {
  const { store } = context.transport
  const cases: ConformanceCase[] = []
  const add = (name: string, run: () => Promise<void>) =>
    cases.push({ group: 'store', name: `store: ${name}`, run })
  const key = (suffix: string) => `vodup-conformance-${context.newId()}${suffix}`

  add('get resolves undefined for a key never set', async () => {
    const value = await store.get(key(''))
    check(value === undefined, `get of an unknown key gave ${describe(value)}.`)
  })

  add('set then get gives the value back; set again replaces it; remove forgets it', async () => {
    const k = key('')
    const first = JSON.stringify({
      v: 1,
      uploadId: 'u-1',
      parts: [{ n: 1, etag: '"A"', size: 102400 }],
    })
    const second = JSON.stringify({ v: 1, uploadId: 'u-2', parts: [] })
    await store.set(k, first)
    check(sameJson(await store.get(k), first), 'get after set did not give the value back.')
    await store.set(k, second)
    check(
      sameJson(await store.get(k), second),
      'get after a second set did not give the new value.',
    )
    await store.remove(k)
    const gone = await store.get(k)
    check(gone === undefined, `get after remove gave ${describe(gone)}.`)
    await store.remove(k)
  })

  add('keys with path, punctuation and non-ASCII characters are distinct keys', async () => {
    const base = key('/ä:?*|"<>\\ ')
    const keys = [`${base}a`, `${base}b`, `${base}A`]
    for (const [i, k] of keys.entries()) await store.set(k, JSON.stringify({ i }))
    try {
      for (const [i, k] of keys.entries()) {
        check(
          sameJson(await store.get(k), JSON.stringify({ i })),
          `key ${describe(k)} did not keep its own value.`,
        )
      }
    } finally {
      for (const k of keys) await store.remove(k)
    }
  })

  add('a value of 256 KiB is kept whole', async () => {
    const k = key('')
    const filler = Array.from(patternBytes(192 * 1024, 21), (b) =>
      String.fromCharCode(97 + (b % 26)),
    ).join('')
    const value = JSON.stringify({ v: 1, filler })
    await store.set(k, value)
    try {
      check(sameJson(await store.get(k), value), 'a 256 KiB value did not come back whole.')
    } finally {
      await store.remove(k)
    }
  })

  add('a value holding a secret field is refused with STORAGE_ERROR and not kept', async () => {
    const k = key('')
    for (const field of [
      'accessKeySecret',
      'securityToken',
      'SecurityToken',
      'x-oss-security-token',
    ]) {
      await rejection(
        () => store.set(k, JSON.stringify({ v: 1, [field]: 'not-for-storage' })),
        'STORAGE_ERROR',
        `set of a value holding "${field}"`,
      )
      const kept = await store.get(k)
      check(kept === undefined, `a refused value was kept: ${describe(kept)}.`)
    }
  })

  return cases
}
